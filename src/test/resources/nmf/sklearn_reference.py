#!/usr/bin/env python3
"""Reference figures of scikit-learn's NMF on the LFW faces sample, for NmfLossTest and NmfTest.

Run from the repository root with Debian bookworm's packages (python3-sklearn 1.2.1,
python3-tifffile):

    /usr/bin/python3 src/test/resources/nmf/sklearn_reference.py > src/test/resources/nmf/sklearn_reference.csv

A is built as MatrixBridge builds it: pixels x images, the pixel index x + 25 y (x fastest),
one column per slice, in the TIFF's units (8-bit, 0..255), float64. scikit-learn is given
X = A (n_samples = pixels, n_features = images), so its W is our W (pixels x rank) and its H ours.

Columns: name, loss, solver, rank, max_iter, tol, offset (added to every value of A), n_iter,
divergence (scikit-learn's _beta_divergence(A + offset, W, H, beta): 1/2 ||A - WH||^2 for
frobenius, the generalized Kullback-Leibler or the Itakura-Saito divergence), relative
(||A - WH||_F / ||A||_F of the same A + offset).
"""
import sys
import warnings

import numpy as np
import sklearn
import tifffile
from sklearn.decomposition import NMF
from sklearn.decomposition._nmf import _beta_divergence
from sklearn.exceptions import ConvergenceWarning

SAMPLE = "src/main/resources/samples/lfw_faces_25px.tif"

RUNS = [
    # name, loss, solver, rank, max_iter, tol, offset
    ("kl16", "kullback-leibler", "mu", 16, 500, 0.0, 0.0),
    ("is16", "itakura-saito", "mu", 16, 500, 0.0, 1.0),
    ("fro16mu", "frobenius", "mu", 16, 500, 0.0, 0.0),
    ("cd32", "frobenius", "cd", 32, 200, 0.0, 0.0),
    ("cd32default", "frobenius", "cd", 32, 200, 1e-4, 0.0),
]


def faces_matrix():
    stack = tifffile.imread(SAMPLE)  # (slices, y, x)
    n = stack.shape[0]
    return stack.reshape(n, -1).T.astype(np.float64)  # pixels x images, x fastest


def main():
    if sklearn.__version__ != "1.2.1":
        print("warning: scikit-learn %s, the committed figures are from 1.2.1" % sklearn.__version__, file=sys.stderr)
    a = faces_matrix()
    print("name,loss,solver,rank,max_iter,tol,offset,n_iter,divergence,relative")
    for name, loss, solver, rank, max_iter, tol, offset in RUNS:
        x = a + offset
        model = NMF(n_components=rank, init="nndsvda", solver=solver, beta_loss=loss, tol=tol, max_iter=max_iter,
                    random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            w = model.fit_transform(x)
        h = model.components_
        divergence = _beta_divergence(x, w, h, loss)
        relative = np.linalg.norm(x - w @ h) / np.linalg.norm(x)
        print("%s,%s,%s,%d,%d,%g,%g,%d,%.10g,%.10g" % (name, loss, solver, rank, max_iter, tol, offset, model.n_iter_,
                                                      divergence, relative))


if __name__ == "__main__":
    main()

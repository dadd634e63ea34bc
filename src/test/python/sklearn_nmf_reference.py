#!/usr/bin/python3
"""scikit-learn reference for the NMF benchmark (docs/performance.md, "NMF on a large matrix").

Reads the raw matrix that NmfBenchmark writes (float32, little-endian, column-major 4096 x 2000:
patch after patch, 4096 pixels each) and runs scikit-learn's coordinate-descent NMF at rank 64
for 200 iterations, as the issue's reference did. Prints key=value lines: wall and CPU time (all
threads of the process) of fit_transform (initialization included) and the relative error
||A - WH||_F / ||A||_F. NmfBenchmark runs it in turns with the Java runs (its sklearn= argument).

Run with Debian's interpreter, which has python3-sklearn 1.2.1:
    /usr/bin/python3 src/test/python/sklearn_nmf_reference.py [target/bench/patches_4096x2000.f32] [repeats]
"""
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

PIXELS, PATCHES, RANK, ITERATIONS = 4096, 2000, 64, 200


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "target/bench/patches_4096x2000.f32"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    # Third argument: float32 (default, the numbers Java uses) or float64 (NumPy's default dtype,
    # how the 7.2 s reference was made; scikit-learn then computes in double).
    dtype = sys.argv[3] if len(sys.argv) > 3 else "float32"
    raw = np.fromfile(path, dtype="<f4")
    assert raw.size == PIXELS * PATCHES, raw.size
    # Column-major pixels x patches = row-major patches x pixels; .T is the 4096 x 2000 matrix A.
    a = np.ascontiguousarray(raw.reshape(PATCHES, PIXELS).T).astype(dtype)
    print(f"sklearn.version={sklearn.__version__}")
    print(f"numpy.version={np.__version__}")
    print(f"env.OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE')}")
    print(f"matrix.sum={a.sum(dtype=np.float64):.6g}")
    norm_a = np.linalg.norm(a.astype(np.float64))
    print(f"matrix.frobenius={norm_a:.6g}")
    times = []
    for r in range(repeats):
        model = NMF(n_components=RANK, solver="cd", max_iter=ITERATIONS, tol=0, random_state=0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            t, c = time.perf_counter(), time.process_time()
            w = model.fit_transform(a)
            elapsed, cpu = time.perf_counter() - t, time.process_time() - c
        h = model.components_
        rel = np.linalg.norm(a.astype(np.float64) - w.astype(np.float64) @ h.astype(np.float64)) / norm_a
        times.append(elapsed)
        print(f"sklearn.run{r}.seconds={elapsed:.4f}")
        print(f"sklearn.run{r}.cpu_seconds={cpu:.4f}")
        print(f"sklearn.run{r}.iterations={model.n_iter_}")
        print(f"sklearn.run{r}.relative_error={rel:.6f}")
        print(f"sklearn.run{r}.reconstruction_err_relative={model.reconstruction_err_ / norm_a:.6f}")
        print(f"sklearn.run{r}.dtype={w.dtype}")
    print(f"sklearn.seconds_median={float(np.median(times)):.4f}")
    print(f"sklearn.relative_error={rel:.6f}")


if __name__ == "__main__":
    main()

package io.github.deblurnmf.nmf;

/** Settings of one factorization; the defaults are those of the NMF Decompose command. */
public final class NmfOptions {

	public int rank = 16;
	public NmfAlgorithm algorithm = NmfAlgorithm.HALS;
	/** At most this many iterations (one iteration updates H, then W). */
	public int iterations = 500;
	/** Stop when the relative decrease of the error over one iteration falls below this; 0 = never. */
	public double tolerance = 1e-4;
	public NmfInit init = NmfInit.NNDSVD;
	public long seed = 1;
	/** Safe-division δ added to both denominators of the multiplicative updates. */
	public double delta = 1e-9;

	public NmfOptions rank(final int r) { rank = r; return this; }
	public NmfOptions algorithm(final NmfAlgorithm a) { algorithm = a; return this; }
	public NmfOptions iterations(final int n) { iterations = n; return this; }
	public NmfOptions tolerance(final double t) { tolerance = t; return this; }
	public NmfOptions init(final NmfInit i) { init = i; return this; }
	public NmfOptions seed(final long s) { seed = s; return this; }

	public NmfOptions copy() {
		final NmfOptions o = new NmfOptions();
		o.rank = rank;
		o.algorithm = algorithm;
		o.iterations = iterations;
		o.tolerance = tolerance;
		o.init = init;
		o.seed = seed;
		o.delta = delta;
		return o;
	}
}

package io.github.deblurnmf.net;

import io.github.deblurnmf.metrics.ImageMetrics;
import io.github.deblurnmf.metrics.Ssim;

/**
 * The training loss of one image plane and its gradient with respect to the prediction:
 * {@code loss = MSE(x, y) + w·(1 − SSIM(x, y))}, with {@code x} the prediction, {@code y} the target and
 * SSIM exactly as {@link ImageMetrics#ssim(float[], float[], int, int)} defines it (11×11 Gaussian
 * σ = 1.5, K1 = 0.01, K2 = 0.03, data range 1, reflected edges, the map averaged without its 5-pixel
 * border). Double precision throughout.
 * <p>
 * The SSIM term and its gradient are {@link Ssim}'s.
 * <p>
 * Not thread-safe (scratch planes are reused): one instance per thread.
 */
public final class SsimLoss {

	private final double ssimWeight;
	private final Ssim ssim = new Ssim();

	/** A loss with weight {@code ssimWeight ≥ 0} on the {@code 1 − SSIM} term (0: plain MSE). */
	public SsimLoss(final double ssimWeight) {
		if (!(ssimWeight >= 0) || Double.isInfinite(ssimWeight)) {
			throw new IllegalArgumentException("SSIM weight must be finite and >= 0, got " + ssimWeight);
		}
		this.ssimWeight = ssimWeight;
	}

	public double ssimWeight() {
		return ssimWeight;
	}

	/** The smallest plane side the SSIM term accepts (the 11-pixel window). */
	public int minimumSize() {
		return ssim.minimumSize();
	}

	/**
	 * The loss of prediction {@code x} against target {@code y} ({@code width × height} planes, row-major),
	 * and, if {@code gradient} is not null, its gradient with respect to {@code x} written into it.
	 */
	public double lossAndGradient(final double[] x, final double[] y, final int width, final int height,
		final double[] gradient)
	{
		final int n = width * height;
		if (x.length != n || y.length != n || (gradient != null && gradient.length != n)) {
			throw new IllegalArgumentException("A " + width + "x" + height + " plane needs " + n + " values");
		}
		double mse = 0;
		for (int i = 0; i < n; i++) {
			final double d = x[i] - y[i];
			mse += d * d;
			if (gradient != null) gradient[i] = 2 * d / n;
		}
		mse /= n;
		if (ssimWeight == 0) return mse;
		final double ssim = ssimAndGradient(x, y, width, height, gradient, -ssimWeight);
		return mse + ssimWeight * (1 - ssim);
	}

	/**
	 * Mean SSIM of {@code x} against {@code y}, as {@link ImageMetrics#ssim(float[], float[], int, int)};
	 * if {@code gradient} is not null, adds {@code scale · ∂SSIM/∂x} to it.
	 */
	public double ssimAndGradient(final double[] x, final double[] y, final int width, final int height,
		final double[] gradient, final double scale)
	{
		return ssim.meanAndGradient(x, y, width, height, gradient, scale);
	}
}

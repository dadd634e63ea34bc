package io.github.deblurnmf.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One finished epoch: a row of the training table ({@code <model name>_training.csv}) and an entry of the model's {@code history}.
 * Validation figures are {@link Double#NaN} when training ran without validation pairs.
 */
public final class EpochRecord {

	/** The header of the training table. */
	public static final String CSV_HEADER = "epoch,train_loss,validation_loss,validation_psnr,validation_ssim,seconds,steps";

	/** 1-based, continuing across resumed runs. */
	public final int epoch;
	/** Mean over the epoch's training images of {@code MSE + w·(1 − SSIM)}, each batch's loss taken before its step. */
	public final double trainLoss;
	public final double validationLoss;
	/** PSNR (dB) of the validation predictions from their MSE over all validation pixels. */
	public final double validationPsnr;
	/** Mean SSIM over validation images (and channels). */
	public final double validationSsim;
	/** Seconds this epoch took, validation included. */
	public final double seconds;
	/** Optimizer steps so far, counting earlier (resumed) runs. */
	public final long steps;

	public EpochRecord(final int epoch, final double trainLoss, final double validationLoss, final double validationPsnr, final double validationSsim,
		final double seconds, final long steps)
	{
		this.epoch = epoch;
		this.trainLoss = trainLoss;
		this.validationLoss = validationLoss;
		this.validationPsnr = validationPsnr;
		this.validationSsim = validationSsim;
		this.seconds = seconds;
		this.steps = steps;
	}

	/** Whether there are validation figures. */
	public boolean hasValidation() {
		return !Double.isNaN(validationLoss);
	}

	/** The CSV row; NaN where there was no validation. */
	public String csvRow() {
		return epoch + "," + trainLoss + "," + validationLoss + "," + validationPsnr + "," + validationSsim + "," + String.format(Locale.ROOT, "%.3f",
			seconds) + "," + steps;
	}

	/** For the model's JSON metadata: NaN and infinities are written as null. */
	Map<String, Object> toMap() {
		final Map<String, Object> map = new LinkedHashMap<>();
		map.put("epoch", epoch);
		map.put("trainLoss", finite(trainLoss));
		map.put("validationLoss", finite(validationLoss));
		map.put("validationPsnr", finite(validationPsnr));
		map.put("validationSsim", finite(validationSsim));
		map.put("seconds", seconds);
		map.put("steps", steps);
		return map;
	}

	static EpochRecord fromMap(final Map<?, ?> map) {
		return new EpochRecord(((Number) map.get("epoch")).intValue(), number(map.get("trainLoss")), number(map.get("validationLoss")), number(map.get(
			"validationPsnr")), number(map.get("validationSsim")), number(map.get("seconds")), ((Number) map.get("steps")).longValue());
	}

	private static Object finite(final double value) {
		return Double.isFinite(value) ? value : null;
	}

	private static double number(final Object value) {
		return value instanceof Number ? ((Number) value).doubleValue() : Double.NaN;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "epoch %d: train loss %.5f, validation loss %.5f, PSNR %.2f dB, SSIM %.4f, %.1f s, %d steps", epoch, trainLoss,
			validationLoss, validationPsnr, validationSsim, seconds, steps);
	}
}

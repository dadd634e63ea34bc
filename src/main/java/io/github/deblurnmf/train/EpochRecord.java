/*-
 * #%L
 * Deblur NMF: deblurring and non-negative matrix factorization for Fiji.
 * %%
 * Copyright (C) 2026 Deblur NMF developers.
 * %%
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 * 
 * 1. Redistributions of source code must retain the above copyright notice,
 *    this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 * 
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 * CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 * INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 * #L%
 */
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

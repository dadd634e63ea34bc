package io.github.deblurnmf.command;

/** Values of choice parameters; annotation {@code choices} need compile-time constants. */
final class Choices {

	static final String HALS = "hals", MU = "mu";
	static final String FROBENIUS = "frobenius", KULLBACK_LEIBLER = "kullback-leibler", ITAKURA_SAITO = "itakura-saito";
	static final String NNDSVD = "nndsvd", RANDOM = "random";
	static final String AUTO = "auto", STACK = "stack", POOLED = "pooled", PATCHES = "patches";
	static final String NETWORK = "network", WIENER = "wiener", RICHARDSON_LUCY = "richardson-lucy";
	static final String UNET = "unet", AUTOENCODER = "autoencoder", PSF_UNET = "psf-unet";

	private Choices() {}
}

package io.github.deblurnmf.task;

/**
 * Bad input from the user: a wrong parameter, an unusable image, an output that already exists.
 * Its message is one line meant for the user, shown as {@code ERROR: message}.
 */
public class UserInputException extends IllegalArgumentException {

	public UserInputException(final String message) {
		super(message);
	}

	public UserInputException(final String message, final Throwable cause) {
		super(message, cause);
	}

	/** Throws a {@link UserInputException} with {@code message} unless {@code condition} holds. */
	public static void require(final boolean condition, final String message) {
		if (!condition) throw new UserInputException(message);
	}
}

package io.presign.config;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The service cannot start as configured: each problem names the property to change, its
 * value where it is not a secret, and how to fix it. Raised before the web server starts,
 * so that its failure analysis is the first error a start prints.
 */
public final class InvalidConfigurationException extends RuntimeException {

	private final List<Problem> problems;

	/**
	 * @param problems every problem found, at least one
	 */
	public InvalidConfigurationException(List<Problem> problems) {
		super(problems.stream().map(Problem::toString).reduce((a, b) -> a + "; " + b).orElse("invalid configuration"),
				null, false, false);
		this.problems = List.copyOf(problems);
	}

	/**
	 * @return the problems
	 */
	public List<Problem> problems() {
		return this.problems;
	}

	/**
	 * One property set wrong.
	 *
	 * @param property the property's name, as written in YAML or properties files
	 * @param value its value as shown (masked where it is a secret); none when it is not
	 * set
	 * @param problem what is wrong with it
	 * @param fix what to do about it
	 */
	public record Problem(String property, @Nullable String value, String problem, String fix) {

		/** How a secret's value is shown. */
		public static final String MASKED = "******";

		@Override
		public String toString() {
			return this.property + ((this.value != null) ? " = \"" + this.value + "\"" : " (not set)") + ": "
					+ this.problem;
		}

	}

}

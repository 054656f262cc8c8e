package io.presign.api.problem;

import java.util.Set;

/**
 * Paths whose request body the service never reads, declared by the controller that
 * serves them as a bean, so that the body size limit leaves them alone.
 *
 * @param paths the paths, without the context path
 */
public record UnreadRequestBody(Set<String> paths) {

	public UnreadRequestBody {
		paths = Set.copyOf(paths);
	}

}

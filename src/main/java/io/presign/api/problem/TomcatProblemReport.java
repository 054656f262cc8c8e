package io.presign.api.problem;

import java.io.IOException;
import java.io.Writer;
import java.util.UUID;

import io.presign.observability.RequestIdFilter;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.http.HttpStatusCode;

/**
 * Answers the requests Tomcat refuses before the application sees them (an encoded slash
 * in the path, a malformed request line) with a problem document like every other
 * refusal, instead of Tomcat's HTML page. Only constant text is written: nothing of the
 * refused request is echoed.
 */
public final class TomcatProblemReport extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		String code = Problems.codeFor(HttpStatusCode.valueOf(status));
		String title = Problems.title(code);
		String requestId = UUID.randomUUID().toString();
		try {
			response.setContentType("application/problem+json");
			response.setCharacterEncoding("UTF-8");
			response.setHeader(RequestIdFilter.HEADER, requestId);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("{\"type\":\"" + Problems.TYPE_PREFIX + code + "\",\"title\":\"" + title + "\",\"status\":"
						+ status + ",\"detail\":\"The server refused the request before reading it\"" + ",\"code\":\""
						+ code + "\",\"requestId\":\"" + requestId + "\"}");
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone; there is no one left to answer.
		}
	}

}

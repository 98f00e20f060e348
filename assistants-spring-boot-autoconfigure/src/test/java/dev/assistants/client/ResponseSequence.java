package dev.assistants.client;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import static com.github.tomakehurst.wiremock.client.WireMock.get;

/**
 * Stubs a path that answers each GET with the next of several responses, as a run read while it
 * moves from state to state.
 */
public final class ResponseSequence {

	private ResponseSequence() {
	}

	public static void stub(WireMockServer server, String path, ResponseDefinitionBuilder... responses) {
		for (int i = 0; i < responses.length; i++) {
			server.stubFor(get(path).inScenario("sequence of " + path)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "step" + i)
				.willReturn(responses[i])
				.willSetStateTo("step" + (i + 1)));
		}
	}

}

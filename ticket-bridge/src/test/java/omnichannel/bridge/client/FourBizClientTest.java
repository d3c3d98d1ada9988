package omnichannel.bridge.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

import omnichannel.bridge.FourBizStub;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/**
 * Where 4biz serves an operation: under {@code /services}, or, when that answers a plain 404, under
 * {@code /webmvc/services} (some versions serve {@code addAttachments} there); the first form that answers is kept.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "bridge"))
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(FourBizStub.class)
class FourBizClientTest {

    @Inject
    FourBizClient fourBiz;

    @Inject
    MeterRegistry registry;

    @Test
    void anOperationServedOnlyUnderWebmvcServicesIsFoundThereAndKeptThere() {
        FourBizStub.server.stubFor(post(urlEqualTo("/4biz/webmvc/services/request/so-no-webmvc")).willReturn(aResponse()
                .withStatus(412).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"code\":\"INPUT\",\"description\":\"request not found\"}}")));

        assertThat(fourBiz.serves("request/so-no-webmvc", fourBiz.body().put("requestNumber", "0")).await()
                .atMost(Duration.ofSeconds(10))).isTrue();
        assertThat(fourBiz.serves("request/so-no-webmvc", fourBiz.body().put("requestNumber", "0")).await()
                .atMost(Duration.ofSeconds(10))).isTrue();

        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/so-no-webmvc"))))
                .as("asked under /services once, then no more").hasSize(1);
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/webmvc/services/request/so-no-webmvc"))))
                .hasSize(2);
        // every call is timed in the client, by operation and outcome
        assertThat(registry.find("omnichannel_bridge_fourbiz_calls").tag("operation", "request/so-no-webmvc")
                .tag("outcome", "INPUT").timer()).isNotNull().extracting(timer -> timer.count()).isEqualTo(2L);
    }

    @Test
    void anOperationNeitherFormServesIsAbsent() {
        assertThat(fourBiz.serves("request/nao-existe", fourBiz.body()).await().atMost(Duration.ofSeconds(10)))
                .isFalse();
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/services/request/nao-existe"))))
                .hasSize(1);
        assertThat(FourBizStub.server.findAll(postRequestedFor(urlEqualTo("/4biz/webmvc/services/request/nao-existe"))))
                .hasSize(1);
    }
}

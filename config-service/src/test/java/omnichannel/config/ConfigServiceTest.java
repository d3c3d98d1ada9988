package omnichannel.config;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import omnichannel.simulators.identity.Tokens;
import omnichannel.testing.KafkaTestResource;
import omnichannel.testing.OidcTestResource;
import omnichannel.testing.PostgresTestResource;

/** What every config-service test needs: real PostgreSQL and Kafka, tokens, and valid interaction bodies. */
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "config"))
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(OidcTestResource.class)
@QuarkusTestResource(ConfigServiceIdentity.class)
public abstract class ConfigServiceTest {

    public static final String AUTH_TOKEN = "tok3n-f00dfacecafebeef-s3cret";
    public static final String API_SECRET = "x-api-secret-key-0123456789-abcdef";
    public static final String ACCESS_TOKEN = "12345-x-access-token-zyxwvutsrq";
    public static final String ACCESS_SECRET = "x-access-token-secret-9876543210";

    protected static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.shared().admin()).contentType(ContentType.JSON);
    }

    protected static RequestSpecification viewer() {
        return given().auth().oauth2(Tokens.shared().viewer()).contentType(ContentType.JSON);
    }

    /** A token with every service's role: each reads what any of them may (NeedToKnowTest checks each role alone). */
    protected static RequestSpecification service() {
        return service(Tokens.GATEWAY, Tokens.BRIDGE, Tokens.WHATSAPP, Tokens.TWITTER);
    }

    protected static RequestSpecification service(String... roles) {
        return given().auth().oauth2(Tokens.shared().service(roles)).contentType(ContentType.JSON);
    }

    /** A dead letter on the inbound topic's dead-letter topic, as a consumer writes one. */
    protected static void deadLetter(String key, String value, String reason) throws Exception {
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
                java.util.Map.of("bootstrap.servers",
                        omnichannel.testing.SharedInfrastructure.kafka().bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.StringSerializer())) {
            var record = new org.apache.kafka.clients.producer.ProducerRecord<>(
                    omnichannel.events.Topics.deadLetter(omnichannel.events.Topics.INBOUND), key, value);
            record.headers().add("dead-letter-reason", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.headers().add("dead-letter-topic",
                    omnichannel.events.Topics.INBOUND.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            producer.send(record).get();
        }
    }

    protected static String whatsappBody(String name) {
        return """
                {"channel":"WHATSAPP_TWILIO","name":"%s","defaultUnitId":12,"defaultGroupId":3,
                 "defaultActivityId":170,"contactOriginId":7,
                 "whatsapp":{"number":"+5511999990000","accountSid":"AC0123456789abcdef0123456789abcdef",
                             "authToken":"%s"}}
                """.formatted(name, AUTH_TOKEN);
    }

    protected static String twitterBody(String name) {
        return """
                {"channel":"TWITTER_DM","name":"%s","defaultUnitId":12,"defaultGroupId":3,
                 "defaultActivityId":171,"contactOriginId":8,
                 "twitter":{"apiKey":"xvz1evFS4wEEPTGEFPHBog","apiSecretKey":"%s","accessToken":"%s",
                            "accessTokenSecret":"%s","userId":"1234567890","environment":"prod","deliveryMode":"WEBHOOK"}}
                """.formatted(name, API_SECRET, ACCESS_TOKEN, ACCESS_SECRET);
    }

    /** Sets every SmartChat parameter, so that interactions may be active. */
    protected static void smartChatReady() {
        for (int id : new int[]{118, 315, 317, 390, 447}) {
            admin().body("{\"value\":\"1\"}").put("/api/v1/parameters/" + id).then().statusCode(200);
        }
    }

    protected static String create(String body) {
        smartChatReady();
        return admin().body(body).post("/api/v1/interactions").then().statusCode(201).extract().path("id");
    }
}

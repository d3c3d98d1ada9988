package omnichannel.simulators.fourbiz;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The simulated 4biz keeps a ticket's files and rejects a repeated numberOrigin, as it does for follow-ups. */
@QuarkusTest
class FourBizAttachmentsTest {

    @Test
    void aFileIsAttachedOnceByNumberOriginAndListedWithoutItsContent() {
        String session = given().contentType("application/json")
                .body("{\"userName\":\"omnichannel\",\"password\":\"local-only-4biz-password\",\"platform\":\"omnichannel\"}")
                .post("/4biz/services/login").then().statusCode(200).extract().path("sessionID");
        given().contentType("application/json").body("""
                {"sessionID":"%s","employee":{"login":"anexo","name":"Ana","unitId":1,"groupIds":[1]}}""".formatted(session))
                .post("/4biz/services/employee/synchronize").then().statusCode(200);
        String ticket = given().contentType("application/json").body("""
                {"sessionID":"%s","sourceRequest":{"numberOrigin":"OCT-anexo","userID":"anexo","description":"d",
                 "contractID":"1","service":{"code":"1"},"origin":{"code":"1"}}}""".formatted(session))
                .post("/4biz/services/request/create").then().statusCode(200).extract().path("request.number");
        String add = """
                {"sessionID":"%s","requestNumber":"%s","attachments":[{"numberOrigin":"OCA-1","fileName":"foto.jpg",
                 "contentType":"image/jpeg","description":"Imagem","content":"%s"}]}"""
                .formatted(session, ticket, Base64.getEncoder().encodeToString(new byte[]{1, 2, 3}));

        given().contentType("application/json").body(add).post("/4biz/services/request/addAttachments")
                .then().statusCode(200).body("attachments[0].numberOrigin", equalTo("OCA-1"));
        given().contentType("application/json").body(add).post("/4biz/services/request/addAttachments")
                .then().statusCode(412).body("error.code", equalTo("INPUT"));
        given().contentType("application/json").body(add.replace("\"content\":\"", "\"content\":\"!"))
                .post("/4biz/services/request/addAttachments").then().statusCode(412).body("error.code", equalTo("PARAM"));

        given().contentType("application/json")
                .body("{\"sessionID\":\"" + session + "\",\"requestNumber\":\"" + ticket + "\"}")
                .post("/4biz/services/request/listAttachments").then().statusCode(200)
                .body("attachments.numberOrigin", contains("OCA-1")).body("attachments[0].size", equalTo(3))
                .body("attachments[0].content", org.hamcrest.Matchers.nullValue());
        given().get("/simulators/fourbiz/tickets/" + ticket + "/attachments").then().statusCode(200)
                .body("[0].fileName", equalTo("foto.jpg")).body("[0].sha256",
                        equalTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"));
    }
}

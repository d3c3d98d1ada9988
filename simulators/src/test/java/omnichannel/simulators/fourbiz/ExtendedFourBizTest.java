package omnichannel.simulators.fourbiz;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The extended mode: an employee web service, files on follow-ups and the /webmvc attachment read. */
@QuarkusTest
@TestProfile(ExtendedFourBizTest.Extended.class)
class ExtendedFourBizTest {

    public static class Extended implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulators.fourbiz.mode", "extended");
        }
    }

    @Test
    void anAttendantsFileIsListedWithItsFollowUpAndReadThroughWebmvc() {
        String session = DocumentedFourBizTest.login();
        given().contentType("application/json").body("""
                {"sessionID":"%s","employee":{"login":"ext","name":"Eva","unitId":12,"groupIds":[3]}}""".formatted(session))
                .post("/4biz/services/employee/synchronize").then().statusCode(200).body("employee.unitId", equalTo(12));
        String ticket = given().contentType("application/json").body("""
                {"sessionID":"%s","sourceRequest":{"numberOrigin":"OCT-ext","userID":"ext","description":"d",
                 "contractID":"1","service":{"code":"1"}}}""".formatted(session))
                .post("/4biz/services/request/create").then().statusCode(200).extract().path("request.number");
        given().contentType("application/json").body("""
                {"description":"Segue.","attachments":[{"fileName":"a.pdf","contentType":"application/pdf","content":"%s"}]}"""
                .formatted(Base64.getEncoder().encodeToString(new byte[]{7, 7})))
                .post("/simulators/fourbiz/tickets/" + ticket + "/occurrences").then().statusCode(200);

        String id = given().contentType("application/json")
                .body("{\"sessionID\":\"" + session + "\",\"requestNumber\":\"" + ticket + "\"}")
                .post("/4biz/services/request/listOccurrences").then().statusCode(200)
                .body("occurrences[0].attachments.fileName", contains("a.pdf"))
                .extract().path("occurrences[0].attachments[0].id");
        byte[] content = given().header("Authorization", "Bearer " + session)
                .get("/4biz/webmvc/v1/requests/" + ticket + "/attachments/" + id).then().statusCode(200)
                .contentType("application/pdf").extract().asByteArray();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[]{7, 7}, content);
        given().get("/4biz/webmvc/v1/requests/" + ticket + "/attachments/" + id).then().statusCode(401);
    }
}

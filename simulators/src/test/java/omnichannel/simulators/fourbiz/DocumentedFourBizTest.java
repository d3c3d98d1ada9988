package omnichannel.simulators.fourbiz;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The simulated 4biz in its default, documented-only mode: it serves what 4biz documents and nothing else. What the
 * bridge assumed before (an employee service, an employee search, attachment listing and download) is a plain 404 page.
 */
@QuarkusTest
class DocumentedFourBizTest {

    static String login() {
        return given().contentType("application/json")
                .body("{\"userName\":\"omnichannel\",\"password\":\"local-only-4biz-password\",\"platform\":\"omnichannel\"}")
                .post("/4biz/services/login").then().statusCode(200).extract().path("sessionID");
    }

    @Test
    void requestCreateWithSynchronizeCreatesTheRequesterFromTheContactInFourBizsOwnGroup() {
        String session = login();
        String create = """
                {"sessionID":"%s","synchronize":%s,"sourceRequest":{"numberOrigin":"%s","userID":"whatsapp_5511900001111",
                 "description":"d","contractID":"1","service":{"code":"170"},
                 "contact":{"name":"Maria","phoneNumber":"+5511900001111","email":""}}}""";

        given().contentType("application/json").body(create.formatted(session, false, "OCT-doc-1"))
                .post("/4biz/services/request/create").then().statusCode(412).body("error.code", equalTo("INPUT"));
        given().contentType("application/json").body(create.formatted(session, true, "OCT-doc-2"))
                .post("/4biz/services/request/create").then().statusCode(200)
                .body("request.status.code", equalTo("EmAndamento"));

        given().get("/simulators/fourbiz/employees").then().statusCode(200)
                .body("find { it.login == 'whatsapp_5511900001111' }.name", equalTo("Maria"))
                .body("find { it.login == 'whatsapp_5511900001111' }.unitId", equalTo(1))
                .body("find { it.login == 'whatsapp_5511900001111' }.groupIds", contains(1));
        given().get("/simulators/fourbiz/tickets").then()
                .body("find { it.numberOrigin == 'OCT-doc-2' }.originCode", equalTo("7"));
        // the requester's tickets, by login
        String number = given().get("/simulators/fourbiz/tickets").then().extract()
                .path("find { it.numberOrigin == 'OCT-doc-2' }.number");
        given().contentType("application/json").body("{\"sessionID\":\"" + session
                + "\",\"userID\":\"whatsapp_5511900001111\"}").post("/4biz/services/request/getByUser").then()
                .statusCode(200).body("requests.number", contains(number));
    }

    @Test
    void filesAreAttachedWithTheDocumentedBodyAndARepeatIsASecondFile() {
        String session = login();
        String ticket = given().contentType("application/json").body("""
                {"sessionID":"%s","synchronize":true,"sourceRequest":{"numberOrigin":"OCT-anexo","userID":"anexo",
                 "description":"d","contractID":"1","service":{"code":"1"},"contact":{"name":"Ana"}}}"""
                .formatted(session))
                .post("/4biz/services/request/create").then().statusCode(200).extract().path("request.number");
        String add = """
                {"sessionID":"%s","mediaType":"application/json","requestNumber":"%s",
                 "attachments":[{"name":"foto.jpg","content":"%s","extension":"jpg"}]}"""
                .formatted(session, ticket, Base64.getEncoder().encodeToString(new byte[]{1, 2, 3}));

        given().contentType("application/json").body(add).post("/4biz/services/request/addAttachments")
                .then().statusCode(200).body("error", equalTo(null));
        given().contentType("application/json").body(add.replace("\"content\":\"", "\"content\":\"!"))
                .post("/4biz/services/request/addAttachments").then().statusCode(412).body("error.code", equalTo("PARAM"));
        given().contentType("application/json").body(add.replace("\"extension\":\"jpg\"", "\"fileName\":\"x\""))
                .post("/4biz/services/request/addAttachments").then().statusCode(412).body("error.code", equalTo("PARAM"));

        given().get("/simulators/fourbiz/tickets/" + ticket + "/attachments").then().statusCode(200)
                .body("", hasSize(1)).body("[0].fileName", equalTo("foto.jpg"))
                .body("[0].contentType", equalTo("image/jpeg")).body("[0].sha256",
                        equalTo("039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81"));
    }

    @Test
    void whatFourBizDoesNotDocumentIsAPlain404Page() {
        String session = login();
        for (String path : new String[]{"employee/synchronize", "employee/search", "request/listAttachments",
                "request/getAttachment"}) {
            given().contentType("application/json").body("{\"sessionID\":\"" + session + "\"}")
                    .post("/4biz/services/" + path).then().statusCode(404)
                    .contentType(not(containsString("json")));
        }
        given().header("Authorization", "Bearer " + session).get("/4biz/webmvc/v1/requests/1/attachments/1")
                .then().statusCode(404).contentType(not(containsString("json")));
    }

    @Test
    void aNamedQueryAnswersOnlyOnceFourBizsAdministratorRegisteredIt() {
        given().put("/simulators/fourbiz/queries/por_telefone").then().statusCode(204);
        String session = login();
        given().contentType("application/json").body("""
                {"login":"rita.alves","name":"Rita Alves","phoneNumber":"(11) 8765-7001","unitId":1,"groupId":1}""")
                .post("/simulators/fourbiz/employees").then().statusCode(200);
        String query = """
                {"sessionID":"%s","queryName":"%s","parameters":{"phoneNumbers":["+5511987657001","+551187657001","11987657001","1187657001"]}}""";

        given().contentType("application/json").body(query.formatted(session, "nao_registrada"))
                .post("/4biz/services/data/query").then().statusCode(412).body("error.code", equalTo("PARAM"));
        given().contentType("application/json").body(query.formatted(session, "por_telefone"))
                .post("/4biz/services/data/query").then().statusCode(200)
                .body("result.login", contains("rita.alves"));
    }

    @Test
    void unitsAreListedByTheWebmvcApiWithTheServicesSession() {
        String session = login();
        given().get("/4biz/webmvc/v1/unit").then().statusCode(401);
        given().header("Authorization", "Bearer " + session).queryParam("unitQuery", "suporte")
                .get("/4biz/webmvc/v1/unit").then().statusCode(200)
                .body("name", contains("Suporte ao cliente", "Suporte interno"));
    }
}

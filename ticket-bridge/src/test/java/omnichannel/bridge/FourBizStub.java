package omnichannel.bridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * 4biz's services API, the Helper bot and config-service's internal API, played by WireMock over HTTP. Every ticket is
 * 4521 unless the message names a scenario below. This 4biz has the three optional capabilities (an employee web
 * service, a named query by phone, the /webmvc attachment read) and the bridge is configured to use them, so that their
 * tests run here; the documented-only path is proven against the simulator (system tests) and by
 * {@code FourBizCapabilitiesTest}.
 */
public class FourBizStub implements QuarkusTestResourceLifecycleManager {

    public static final String INTERACTION = "wa-bridge";
    /** An interaction with Helper interception on. */
    public static final String HELPER_INTERACTION = "wa-helper";
    /** Messages with this text get a permanent INPUT rejection from 4biz. */
    public static final String REJECTED_TEXT = "rejeitar-esta";
    /** Messages with this text meet two 503 answers before 4biz accepts the ticket. */
    public static final String FLAKY_TEXT = "instavel-esta";
    /** Opens ticket 4700, which has an attendant's answer and stays open. */
    public static final String ANSWERED_TEXT = "ticket-com-resposta";
    public static final String ANSWERED_TICKET = "4700";
    public static final String ATTENDANT_ANSWER = "Reiniciamos o servidor, pode testar?";
    /** Opens ticket 4800, which 4biz reports resolved. */
    public static final String RESOLVED_TEXT = "ticket-resolvido";
    public static final String RESOLVED_TICKET = "4800";
    /** Opens ticket 4900 (used where a test needs a ticket of its own). */
    public static final String OWN_TICKET_TEXT = "ticket-proprio";
    public static final String OWN_TICKET = "4900";
    /** Opens ticket 4950 (the opt-out test's). */
    public static final String OPT_OUT_TICKET_TEXT = "ticket-saida";
    public static final String OPT_OUT_TICKET = "4950";
    /** Opens ticket 5100, which an attendant closes before the next message: 4biz refuses its follow-up. */
    public static final String CLOSING_TEXT = "ticket-fechado-entre-consultas";
    public static final String CLOSING_TICKET = "5100";
    /** The message after the close: it opens ticket 5101. */
    public static final String AFTER_CLOSE_TEXT = "depois-do-fechamento";
    public static final String AFTER_CLOSE_TICKET = "5101";
    /** Open tickets 5200, 5201 and 5202 (the held answers' tests). */
    public static final String HELD_TEXT = "janela-fechada";
    public static final String HELD_TICKET = "5200";
    /** Opens ticket 5203, on which an attendant answers with a photo while WhatsApp's window is closed. */
    public static final String HELD_FILE_TEXT = "arquivo-retido";
    public static final String HELD_FILE_TICKET = "5203";
    public static final String TEMPLATE_HELD_TEXT = "modelo-no-lugar";
    public static final String TEMPLATE_HELD_TICKET = "5201";
    public static final String LATE_HOLD_TEXT = "retida-depois-de-escrever";
    public static final String LATE_HOLD_TICKET = "5202";
    /** Opens ticket 5300 (the agent contact test's). */
    public static final String CONTACT_TEXT = "contato-do-atendente";
    public static final String CONTACT_TICKET = "5300";
    /** A follow-up 4biz refuses for good on a ticket that stays open. */
    public static final String REFUSED_FOLLOW_UP_TEXT = "acompanhamento-recusado";
    /** Messages with this text meet a 4biz that has no such operation: a plain 404 page for the ticket's creation. */
    public static final String ABSENT_OPERATION_TEXT = "operacao-inexistente";
    /** The named query that finds colaboradores by phone, as this 4biz's administrator registered it. */
    public static final String EMPLOYEE_QUERY = "colaboradores_por_telefone";
    /** The /webmvc attachment read this 4biz has. */
    public static final String ATTACHMENT_READ = "/webmvc/v1/requests/{ticket}/attachments/{attachment}";
    /** A person 4biz cannot take a ticket for (503, every time, for as long as a test runs). */
    public static final String STUCK_PERSON = "+5511900000666";
    /** Where a Helper's redirect points: an address inside the cluster that must never be called. */
    public static final String REDIRECT_TARGET = "/interno/segredo";
    /** Helper's fallback message (parameter 453). */
    public static final String FALLBACK = "Desculpe, não entendi. Digite menu para ver as opções.";

    /** Attended Mondays and Fridays 08:00–18:00 in São Paulo, not on Christmas. */
    public static final String HOURS_INTERACTION = "wa-hours";
    /** Never attended, with its own out-of-hours text. */
    public static final String OWN_TEXT_INTERACTION = "wa-hours-text";

    /** An interaction with Twilio credentials and its own media policy: 4 KB at most; images, PDF, Ogg audio. */
    public static final String MEDIA_INTERACTION = "wa-media";
    public static final String MEDIA_ACCOUNT_SID = "AC00000000000000000000000000media";
    public static final String MEDIA_AUTH_TOKEN = "media-auth-token";
    public static final long MEDIA_MAX_BYTES = 4096;
    /** Opens ticket 5400 (the attached files' test), 5401 (the refused files' test). */
    public static final String MEDIA_TEXT = "chamado-com-anexos";
    public static final String MEDIA_TICKET = "5400";
    public static final String REFUSED_MEDIA_TEXT = "anexos-recusados";
    public static final String REFUSED_MEDIA_TICKET = "5401";
    /** Files Twilio holds for the media interaction, behind HTTP Basic; the photo through a redirect to a CDN. */
    public static final byte[] PHOTO = bytes(1500, 0xD8);
    public static final byte[] PDF = ("%PDF-1.4\n" + "x".repeat(900) + "\n%%EOF").getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    public static final byte[] VOICE_NOTE = bytes(2000, 0x4F);
    public static final byte[] TOO_BIG = bytes((int) MEDIA_MAX_BYTES + 1, 0x89);
    public static final String MEDIA_PATH = "/2010-04-01/Accounts/" + MEDIA_ACCOUNT_SID + "/Messages/MM1/Media/";
    public static final String CDN_PATH = "/cdn/presigned-photo";

    /** Opens ticket 5500, on which an attendant answers with a PDF, then a photo and no text, then a 20 MB video. */
    public static final String FILE_ANSWER_TEXT = "resposta-com-arquivo";
    public static final String FILE_ANSWER_TICKET = "5500";
    public static final byte[] MANUAL = ("%PDF-1.4\nmanual da impressora\n%%EOF").getBytes(
            java.nio.charset.StandardCharsets.US_ASCII);
    /** The key the bridge signs its media links with in tests (application.properties). */
    public static final String MEDIA_LINK_KEY = "dev-and-test-only-media-link-key-0123456789";

    /** An X interaction whose DM media the bridge fetches with OAuth 1.0a (same fake host, under /ton/). */
    public static final String X_MEDIA_INTERACTION = "x-media";
    public static final String X_API_KEY = "x-media-api-key";
    public static final String X_ACCESS_TOKEN = "3001-x-media-access-token";
    public static final String X_MEDIA_PATH = "/ton/1.1/ton/data/dm/1/2/foto.jpg";

    /** Found in 4biz by phone: colaborador maria.silva has +55 (11) 98765-4001 (written without the ninth digit). */
    public static final String KNOWN_PHONE = "+5511987654001";
    public static final String KNOWN_LOGIN = "maria.silva";
    /** Two colaboradores share this number: neither is chosen. */
    public static final String SHARED_PHONE = "+5511987654009";
    /** Unknown people writing here get the generic requester. */
    public static final String GENERIC_INTERACTION = "wa-generic";
    public static final String GENERIC_LOGIN = "atendimento.externo";

    public static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(wireMockConfig().dynamicPort().extensions(new FourBizAttachments()));
        server.start();
        media();
        interaction(INTERACTION, false);
        interaction(HELPER_INTERACTION, true);
        interaction(HOURS_INTERACTION, false, """
                {"timeZone":"America/Sao_Paulo","weekly":{"MONDAY":["08:00-18:00"],"FRIDAY":["08:00-18:00"]},
                 "holidays":["2026-12-25"]}""");
        interaction(OWN_TEXT_INTERACTION, false, """
                {"timeZone":"America/Sao_Paulo","weekly":{},
                 "outOfHoursText":"Plantão encerrado. Chamado {ticket} registrado{greeting}."}""");
        server.stubFor(get(urlEqualTo("/internal/v1/parameters")).willReturn(json(200, """
                {"118":"1","315":"7","441":"%s/helper/webhook","453":"%s"}
                """.formatted(server.baseUrl(), FALLBACK))));

        server.stubFor(
                post(urlEqualTo("/4biz/services/login")).willReturn(json(200, "{\"sessionID\":\"s-1\",\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing("whatsapp_" + STUCK_PERSON.substring(1)))
                .willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(ABSENT_OPERATION_TEXT)).willReturn(aResponse().withStatus(404)
                        .withHeader("Content-Type", "text/html").withBody("<html><h1>404 Not Found</h1></html>")));
        server.stubFor(post(urlEqualTo("/4biz/services/employee/synchronize")).atPriority(5).willReturn(json(200,
                "{\"employee\":{\"id\":981},\"created\":true,\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(5).willReturn(ticket("4521")));
        ticketFor(ANSWERED_TEXT, ANSWERED_TICKET);
        ticketFor(RESOLVED_TEXT, RESOLVED_TICKET);
        ticketFor(OWN_TICKET_TEXT, OWN_TICKET);
        ticketFor(OPT_OUT_TICKET_TEXT, OPT_OUT_TICKET);
        ticketFor(HELD_TEXT, HELD_TICKET);
        ticketFor(CONTACT_TEXT, CONTACT_TICKET);
        ticketFor(TEMPLATE_HELD_TEXT, TEMPLATE_HELD_TICKET);
        ticketFor(LATE_HOLD_TEXT, LATE_HOLD_TICKET);
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(REJECTED_TEXT))
                .willReturn(json(412, "{\"error\":{\"code\":\"INPUT\",\"description\":\"unknown activity 170\"}}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(FLAKY_TEXT)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("second").willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(FLAKY_TEXT)).inScenario("flaky").whenScenarioStateIs("second")
                .willSetStateTo("healthy").willReturn(aResponse().withStatus(503)));
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(1)
                .withRequestBody(containing(FLAKY_TEXT)).inScenario("flaky").whenScenarioStateIs("healthy")
                .willReturn(ticket("4600")));

        // by numberOrigin: not found (no earlier attempt); by number: open, except the resolved one
        server.stubFor(post(urlEqualTo("/4biz/services/request/getById")).atPriority(5).willReturn(json(412,
                "{\"error\":{\"code\":\"INPUT\",\"description\":\"request not found\"}}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/getById")).atPriority(3)
                .withRequestBody(containing("\"number\":")).willReturn(ticket("4521")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/getById")).atPriority(1)
                .withRequestBody(containing("\"number\":\"" + RESOLVED_TICKET + "\""))
                .willReturn(json(200, "{\"request\":{\"number\":\"" + RESOLVED_TICKET
                        + "\",\"status\":{\"code\":\"Resolvida\"}},\"error\":null}")));

        // a requester's tickets (request/getByUser): the contact tests' people
        server.stubFor(post(urlEqualTo("/4biz/services/request/getByUser")).atPriority(5)
                .willReturn(json(200, "{\"requests\":[],\"error\":null}")));
        requesterTickets("whatsapp_5511912349202", "7777");
        requesterTickets("whatsapp_5511912349201", "7778");
        requesterTickets("whatsapp_5511987659203", "7781");

        server.stubFor(post(urlEqualTo("/4biz/services/request/createOccurrence")).atPriority(5).willReturn(json(200,
                "{\"occurrence\":{\"id\":\"77\"},\"error\":null}")));
        // ticket 5100: open until a follow-up is refused on it, closed from then on
        ticketFor(CLOSING_TEXT, CLOSING_TICKET);
        ticketFor(AFTER_CLOSE_TEXT, AFTER_CLOSE_TICKET);
        server.stubFor(post(urlEqualTo("/4biz/services/request/createOccurrence")).atPriority(1)
                .withRequestBody(containing("\"requestNumber\":\"" + CLOSING_TICKET + "\"")).inScenario("closing")
                .willSetStateTo("closed")
                .willReturn(json(412, "{\"error\":{\"code\":\"INPUT\",\"description\":\"request is closed\"}}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/getById")).atPriority(1)
                .withRequestBody(containing("\"number\":\"" + CLOSING_TICKET + "\"")).inScenario("closing")
                .whenScenarioStateIs("closed").willReturn(json(200, "{\"request\":{\"number\":\"" + CLOSING_TICKET
                        + "\",\"status\":{\"code\":\"Fechada\"}},\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/createOccurrence")).atPriority(1)
                .withRequestBody(containing(REFUSED_FOLLOW_UP_TEXT))
                .willReturn(json(412, "{\"error\":{\"code\":\"INPUT\",\"description\":\"follow-up refused\"}}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/listOccurrences")).atPriority(5)
                .willReturn(json(200, "{\"occurrences\":[],\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/request/listOccurrences")).atPriority(1)
                .withRequestBody(containing("\"requestNumber\":\"" + ANSWERED_TICKET + "\""))
                .willReturn(json(200,
                        """
                                {"occurrences":[
                                  {"id":"90","numberOrigin":"OCF-abc","description":"mensagem do solicitante","category":{"code":"Acompanhamento"}},
                                  {"id":"91","numberOrigin":null,"description":"nota interna","category":{"code":"Acompanhamento"}},
                                  {"id":"92","numberOrigin":null,"description":"%s","category":{"code":"Retorno"}}],
                                 "error":null}
                                """
                                .formatted(ATTENDANT_ANSWER))));

        // the named query by phone: nobody, except the two numbers below (matched by digits, any notation)
        server.stubFor(post(urlEqualTo("/4biz/services/data/query")).atPriority(5)
                .willReturn(json(200, "{\"result\":[],\"error\":null}")));
        server.stubFor(post(urlEqualTo("/4biz/services/data/query")).atPriority(1)
                .withRequestBody(containing("\"1187654001\"")).willReturn(json(200, """
                        {"result":[{"login":"maria.silva","name":"Maria da Silva","phoneNumber":"(11) 8765-4001"}],
                         "error":null}""")));
        server.stubFor(post(urlEqualTo("/4biz/services/data/query")).atPriority(1)
                .withRequestBody(containing("\"1187654009\"")).willReturn(json(200, """
                        {"result":[{"login":"ana.souza","phoneNumber":"11987654009"},
                                   {"login":"ana.lima","phoneNumber":"+55 11 98765-4009"}],"error":null}""")));
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + GENERIC_INTERACTION)).willReturn(json(200, """
                {"id":"%s","channel":"WHATSAPP_TWILIO","name":"Suporte","defaultUnitId":12,
                 "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":false,
                 "active":true,"requesterPolicy":{"whenUnknown":"GENERIC","genericRequesterLogin":"%s"}}
                """.formatted(GENERIC_INTERACTION, GENERIC_LOGIN))));
        // ticket 5500: an attendant's answer with a PDF (701), then a photo (702) with no text
        ticketFor(FILE_ANSWER_TEXT, FILE_ANSWER_TICKET);
        server.stubFor(post(urlEqualTo("/4biz/services/request/listOccurrences")).atPriority(1)
                .withRequestBody(containing("\"requestNumber\":\"" + FILE_ANSWER_TICKET + "\""))
                .willReturn(json(200,
                        """
                                {"occurrences":[
                                  {"id":"95","numberOrigin":null,"description":"Segue o manual.","category":{"code":"Retorno"},
                                   "attachments":[{"id":"701","fileName":"manual.pdf","contentType":"application/pdf","size":30}]},
                                  {"id":"96","numberOrigin":null,"description":"","category":{"code":"Informação"},
                                   "attachments":[{"id":"702","fileName":"foto.jpg","contentType":"image/jpeg","size":3}]},
                                  {"id":"97","numberOrigin":null,"description":"Vídeo do procedimento.","category":{"code":"Retorno"},
                                   "attachments":[{"id":"703","fileName":"procedimento.mp4","contentType":"video/mp4","size":20971520}]}],
                                 "error":null}
                                """)));
        server.stubFor(get(urlEqualTo(attachmentPath(FILE_ANSWER_TICKET, "701"))).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer s-1"))
                .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(MANUAL)));
        // ticket 5203: an attendant's photo (704) the closed window holds
        ticketFor(HELD_FILE_TEXT, HELD_FILE_TICKET);
        server.stubFor(post(urlEqualTo("/4biz/services/request/listOccurrences")).atPriority(1)
                .withRequestBody(containing("\"requestNumber\":\"" + HELD_FILE_TICKET + "\"")).willReturn(json(200, """
                        {"occurrences":[{"id":"98","numberOrigin":null,"description":"Foto da configuração.",
                          "category":{"code":"Retorno"},
                          "attachments":[{"id":"704","fileName":"config.jpg","contentType":"image/jpeg","size":1500}]}],
                         "error":null}""")));
        server.stubFor(get(urlEqualTo(attachmentPath(HELD_FILE_TICKET, "704"))).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo("Bearer s-1"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(PHOTO)));
        server.stubFor(get(urlMatching("/4biz/webmvc/v1/requests/.*")).atPriority(5)
                .willReturn(json(404, "{\"message\":\"attachment not found\"}")));

        // a Helper that answers "desvio" with a redirect to an address inside (this server stands for it)
        server.stubFor(post(urlEqualTo("/helper/webhook")).atPriority(1)
                .withRequestBody(containing("\"message\":\"desvio\"")).willReturn(aResponse().withStatus(303)
                        .withHeader("Location", server.baseUrl() + REDIRECT_TARGET)));
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlEqualTo(REDIRECT_TARGET))
                .willReturn(json(200, "[{\"recipient_id\":\"x\",\"text\":\"segredo interno\"}]")));
        // the Helper bot: a greeting with buttons for "oi", an image for "foto", the fallback for anything else
        server.stubFor(post(urlEqualTo("/helper/webhook")).atPriority(5).willReturn(json(200,
                "[{\"recipient_id\":\"x\",\"text\":\"" + FALLBACK + "\"}]")));
        server.stubFor(post(urlEqualTo("/helper/webhook")).atPriority(1)
                .withRequestBody(containing("\"message\":\"oi\"")).willReturn(json(200, """
                        [{"recipient_id":"x","text":"Olá! Sou o Helper. Como posso ajudar?",
                          "buttons":[{"title":"Senha","payload":"/reset_senha"},{"title":"VPN","payload":"/vpn"}]}]
                        """)));
        server.stubFor(post(urlEqualTo("/helper/webhook")).atPriority(1)
                .withRequestBody(containing("\"message\":\"/vpn\"")).willReturn(json(200, """
                        [{"recipient_id":"x","text":"Veja como configurar a VPN:"},
                         {"recipient_id":"x","image":"https://helper.example.com/vpn.png"}]
                        """)));
        return omnichannel.simulators.identity.IdentityProvider.shared().withClientProperties("ticket-bridge",
                Map.of("quarkus.rest-client.config-service.url", server.baseUrl(),
                        "fourbiz.base-url", server.baseUrl() + "/4biz",
                        "fourbiz.username", "omnichannel", "fourbiz.password", "test-password",
                        "fourbiz.capabilities.requester-upsert", "employee/synchronize",
                        "fourbiz.capabilities.employee-query", EMPLOYEE_QUERY,
                        "fourbiz.capabilities.attachment-read", ATTACHMENT_READ,
                        // the fake Twilio media host is this server
                        "bridge.media.whatsapp-hosts", "localhost:" + server.port(),
                        "bridge.media.twitter-hosts", "localhost:" + server.port(),
                        // the fake Helper is plain http on localhost: allowed here, as the local run allows its simulator
                        "omnichannel.platform.outbound-urls.allowed", "localhost:" + server.port()));
    }

    /** The media interaction, Twilio's media behind HTTP Basic and 4biz's attachments. */
    private static void media() {
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + MEDIA_INTERACTION)).willReturn(json(200, """
                {"id":"%s","channel":"WHATSAPP_TWILIO","name":"Suporte","defaultUnitId":12,
                 "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":false,
                 "active":true,"twilioAccountSid":"%s","twilioAuthToken":"%s",
                 "mediaPolicy":{"maxBytes":%d,"contentTypes":["image/*","application/pdf","audio/ogg"]}}
                """.formatted(MEDIA_INTERACTION, MEDIA_ACCOUNT_SID, MEDIA_AUTH_TOKEN, MEDIA_MAX_BYTES))));
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + X_MEDIA_INTERACTION)).willReturn(json(200, """
                {"id":"%s","channel":"TWITTER_DM","name":"Suporte X","defaultUnitId":12,
                 "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":false,
                 "active":true,"twitterApiKey":"%s","twitterApiSecretKey":"x-media-api-secret",
                 "twitterAccessToken":"%s","twitterAccessTokenSecret":"x-media-token-secret","twitterUserId":"3001"}
                """.formatted(X_MEDIA_INTERACTION, X_API_KEY, X_ACCESS_TOKEN))));
        server.stubFor(get(urlEqualTo(X_MEDIA_PATH)).atPriority(1)
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "OAuth .*oauth_consumer_key=\"" + X_API_KEY + "\".*"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(PHOTO)));
        server.stubFor(get(urlEqualTo(X_MEDIA_PATH)).atPriority(5).willReturn(aResponse().withStatus(401)));
        ticketFor(MEDIA_TEXT, MEDIA_TICKET);
        ticketFor(REFUSED_MEDIA_TEXT, REFUSED_MEDIA_TICKET);
        server.stubFor(get(urlMatching(MEDIA_PATH + ".*")).atPriority(9).willReturn(aResponse().withStatus(401)));
        // a redirect away from the media hosts (the same server under another name)
        server.stubFor(get(urlEqualTo(MEDIA_PATH + "ME5")).atPriority(1).withBasicAuth(MEDIA_ACCOUNT_SID, MEDIA_AUTH_TOKEN)
                .willReturn(aResponse().withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + server.port() + "/cdn/elsewhere?redirected")));
        server.stubFor(get(urlEqualTo(MEDIA_PATH + "ME1")).atPriority(1)
                .withBasicAuth(MEDIA_ACCOUNT_SID, MEDIA_AUTH_TOKEN)
                .willReturn(aResponse().withStatus(307).withHeader("Location", CDN_PATH + "?Signature=abc")));
        server.stubFor(get(urlEqualTo(CDN_PATH + "?Signature=abc"))
                .willReturn(aResponse().withHeader("Content-Type", "image/jpeg").withBody(PHOTO)));
        server.stubFor(get(urlEqualTo(MEDIA_PATH + "ME2")).atPriority(1).withBasicAuth(MEDIA_ACCOUNT_SID, MEDIA_AUTH_TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "application/pdf").withBody(PDF)));
        server.stubFor(get(urlEqualTo(MEDIA_PATH + "ME3")).atPriority(1).withBasicAuth(MEDIA_ACCOUNT_SID, MEDIA_AUTH_TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(TOO_BIG)));
        server.stubFor(get(urlEqualTo(MEDIA_PATH + "ME4")).atPriority(1).withBasicAuth(MEDIA_ACCOUNT_SID, MEDIA_AUTH_TOKEN)
                .willReturn(aResponse().withHeader("Content-Type", "audio/ogg; codecs=opus").withBody(VOICE_NOTE)));
        server.stubFor(post(urlEqualTo("/4biz/services/request/addAttachments")).atPriority(5)
                .willReturn(aResponse().withTransformers(FourBizAttachments.NAME)));
        // the PDF meets one outage after the photo was attached: the whole message is tried again
        server.stubFor(post(urlEqualTo("/4biz/services/request/addAttachments")).atPriority(1)
                .withRequestBody(containing(".pdf\"")).inScenario("pdf").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("up").willReturn(aResponse().withStatus(503)));
    }

    /** Where this 4biz serves an attachment's content (the configured /webmvc read). */
    public static String attachmentPath(String ticket, String attachment) {
        return "/4biz" + ATTACHMENT_READ.replace("{ticket}", ticket).replace("{attachment}", attachment);
    }

    /** The URL of one of the media interaction's files. */
    public static String mediaUrl(String mediaSid) {
        return server.baseUrl() + MEDIA_PATH + mediaSid;
    }

    private static byte[] bytes(int size, int first) {
        byte[] content = new byte[size];
        for (int i = 0; i < size; i++) {
            content[i] = (byte) (i == 0 ? first : i * 31);
        }
        return content;
    }

    private static void interaction(String id, boolean helper) {
        interaction(id, helper, null);
    }

    private static void interaction(String id, boolean helper, String businessHours) {
        server.stubFor(get(urlEqualTo("/internal/v1/interactions/" + id)).willReturn(json(200, """
                {"id":"%s","channel":"WHATSAPP_TWILIO","name":"Suporte","defaultUnitId":12,
                 "defaultGroupId":3,"defaultActivityId":170,"contactOriginId":7,"helperInterception":%s,
                 "active":true,"businessHours":%s}
                """.formatted(id, helper, businessHours))));
    }

    private static void ticketFor(String text, String number) {
        server.stubFor(post(urlEqualTo("/4biz/services/request/create")).atPriority(2)
                .withRequestBody(containing(text)).willReturn(ticket(number)));
    }

    private static void requesterTickets(String login, String... numbers) {
        StringBuilder list = new StringBuilder();
        for (String number : numbers) {
            list.append(list.isEmpty() ? "" : ",").append("{\"number\":\"").append(number)
                    .append("\",\"status\":{\"code\":\"EmAndamento\"}}");
        }
        server.stubFor(post(urlEqualTo("/4biz/services/request/getByUser")).atPriority(1)
                .withRequestBody(containing("\"userID\":\"" + login + "\""))
                .willReturn(json(200, "{\"requests\":[" + list + "],\"error\":null}")));
    }

    private static ResponseDefinitionBuilder ticket(String number) {
        return json(200, "{\"request\":{\"number\":\"" + number
                + "\",\"numberOrigin\":\"x\",\"status\":{\"code\":\"EmAndamento\"}},\"error\":null}");
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    public void stop() {
        server.stop();
    }
}

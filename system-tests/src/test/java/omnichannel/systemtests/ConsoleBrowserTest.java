package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import omnichannel.events.Topics;
import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.system.DemoInteraction;
import omnichannel.system.DemoXInteraction;
import omnichannel.system.HttpJson;
import omnichannel.system.RunningSystem;

/**
 * The admin console in a real headless Chromium (Debian's, driven by Selenium through Debian's ChromeDriver) against
 * the packaged services and the simulators: log in through the identity provider, create a WhatsApp interaction
 * with a field error corrected, copy the callback URL, "Testar conexão", edit with a concurrent change (409),
 * delete and restore, replay a dead letter and discard another, an X interaction's webhook status, a new CRC and a new registration, an interaction's
 * traffic after a person writes and someone posts a forged webhook, and a viewer who sees no write action. Every page is saved as a PNG in
 * {@code system-tests/target/console-screenshots/}.
 */
@ResourceLock(SharedSystem.LOCK)
class ConsoleBrowserTest {

    static final Path SCREENSHOTS = Path.of("target/console-screenshots");

    static RunningSystem system;
    static String console;
    static WebDriver browser;
    static WebDriverWait wait;
    static DemoInteraction demo;

    @BeforeAll
    static void startTheSystemAndABrowser() throws Exception {
        system = SharedSystem.get();
        console = system.configService() + "/console";
        // the SmartChat parameters an active interaction needs, and an interaction people write to
        demo = DemoInteraction.create(system.configService(), system.tokens().admin());
        Files.createDirectories(SCREENSHOTS);
        browser = startBrowser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /**
     * Debian's Chromium headless, with the flags that keep it off the network (this machine has none) and in a new
     * profile; the paths are Debian's, so Selenium never tries to download a browser or a driver.
     */
    static WebDriver startBrowser() throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=pt-BR",
                "--user-data-dir=" + Files.createTempDirectory("console-chromium"));
        // a Brazilian admin's browser: the pages answer in the product's language
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "pt-BR,pt"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"))
                        .toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @Test
    void anAdminConfiguresAWhatsAppInteractionFromLoginToRestoreAndAViewerOnlyReads() throws Exception {
        logIn("admin", "01-login");
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("administrador");
        screenshot("02-list");

        // Novo: a number that is not E.164 is refused next to its field; corrected, the interaction is created
        String name = "Central " + UUID.randomUUID().toString().substring(0, 8);
        browser.findElement(By.id("new-whatsapp")).click();
        fillWhatsApp(name, "11 99999-0000");
        screenshot("03-new-form");
        browser.findElement(By.id("save")).click();
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("e-whatsapp.number")));
        assertThat(error.getText()).contains("E.164");
        assertThat(field("name").getAttribute("value")).isEqualTo(name);
        assertThat(field("whatsapp.authToken").getAttribute("value")).as("a secret never comes back").isEmpty();
        screenshot("04-field-error");
        field("whatsapp.number").clear();
        field("whatsapp.number").sendKeys(DemoInteraction.NUMBER);
        field("whatsapp.authToken").sendKeys(DemoInteraction.AUTH_TOKEN);
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        String id = field("id").getAttribute("value");
        String callbackUrl = field("callbackUrl").getAttribute("value");
        assertThat(callbackUrl).endsWith("/webhooks/whatsapp/" + id);
        assertThat(browser.getPageSource()).doesNotContain(DemoInteraction.AUTH_TOKEN);
        assertThat(browser.findElement(By.id("m-whatsapp.authToken")).getText()).startsWith("****");
        screenshot("05-created");

        // copy the callback URL, then paste it into a field: what was copied is the URL
        browser.findElement(By.id("copy-callbackUrl")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("copied-callbackUrl")));
        field("name").click();
        field("name").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.chord(Keys.CONTROL, "v"));
        assertThat(field("name").getAttribute("value")).isEqualTo(callbackUrl);
        browser.navigate().refresh();

        // Testar conexão: Twilio's account (simulator), a signed self-test through the gateway, then 4biz step by step
        // (login, the five operations the default path needs, the optional capabilities, the interaction's fields)
        browser.findElement(By.id("verify")).click();
        WebElement verdict = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verdict")));
        assertThat(browser.findElements(By.cssSelector("#steps li"))).hasSize(13)
                .allSatisfy(step -> assertThat(step.getAttribute("class")).isEqualTo("ok"));
        assertThat(browser.findElement(By.id("steps")).getText()).contains("4biz: request/create")
                .contains("4biz (opcional): requester-upsert").contains("4biz: unidade " + DemoInteraction.UNIT);
        assertThat(verdict.getAttribute("class")).isEqualTo("ok");
        screenshot("06-verification");

        // edit while someone else saves a change: 409, nothing overwritten, reload shows theirs
        browser.get(console + "/interactions/" + id);
        Map<String, String> admin = Map.of("Authorization", "Bearer " + system.tokens().admin());
        HttpJson.Reply current = HttpJson.get(system.configService() + "/api/v1/interactions/" + id, admin);
        String theirs = name + " (renamed by a colleague)";
        String body = """
                {"channel":"WHATSAPP_TWILIO","name":"%s","defaultUnitId":12,"defaultGroupId":3,
                 "defaultActivityId":170,"contactOriginId":7,"active":true,
                 "whatsapp":{"number":"%s","accountSid":"%s"},"version":%d}
                """.formatted(theirs, DemoInteraction.NUMBER, DemoInteraction.ACCOUNT_SID,
                current.json().path("version").asLong());
        assertThat(HttpJson.putJson(system.configService() + "/api/v1/interactions/" + id, body, admin).status())
                .isEqualTo(200);
        field("name").clear();
        field("name").sendKeys(name + " (mine)");
        browser.findElement(By.id("save")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        screenshot("07-conflict");
        browser.findElement(By.id("reload")).click();
        wait.until(ExpectedConditions.attributeToBe(field("name"), "value", theirs));

        // Ações > Excluir, with a confirmation; then restore from the deleted ones
        browser.findElement(By.id("delete")).click();
        assertThat(browser.findElement(By.id("question")).getText()).contains(theirs);
        screenshot("08-confirm-delete");
        browser.findElement(By.id("confirm")).click();
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "tr[data-id='" + id + "']")));
        assertThat(HttpJson.get(system.configService() + "/api/v1/interactions/" + id, admin).status())
                .isEqualTo(404);
        screenshot("09-deleted");
        row.findElement(By.cssSelector("button.restore")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(field("name").getAttribute("value")).isEqualTo(theirs);
        assertThat(HttpJson.get(system.configService() + "/api/v1/interactions/" + id, admin).status())
                .isEqualTo(200);
        browser.findElement(By.id("audit")).click();
        assertThat(browser.findElements(By.cssSelector("#audit td.action")).stream().map(WebElement::getText))
                .containsExactly("CREATED", "UPDATED", "DELETED", "RESTORED");
        screenshot("10-audit");

        // a dead letter, replayed from the console
        String key = id + ":+5511900009999";
        String letter = deadLetter(key);
        browser.get(console + "/dead-letters");
        WebElement pending = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(
                "tr[data-id='" + letter + "']")));
        assertThat(pending.findElement(By.cssSelector(".reason")).getText()).contains("console browser test");
        screenshot("11-dead-letters");
        pending.findElement(By.cssSelector("button.replay")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice")));
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + letter + "']"))).isEmpty();
        String another = deadLetter(key);
        browser.get(console + "/dead-letters");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-id='" + another + "']")))
                .findElement(By.cssSelector("button.discard")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("Mensagem descartada.");
        assertThat(browser.findElements(By.cssSelector("tr[data-id='" + another + "']"))).isEmpty();

        browser.get(console + "/parameters");
        assertThat(browser.findElement(By.id("ready-SMART_CHAT")).getAttribute("class")).isEqualTo("ok");
        screenshot("12-parameters");

        // an X interaction: its webhook as channel-twitter reports it (asked with the admin's own token), and a new CRC
        DemoXInteraction x = DemoXInteraction.create(system.configService(), system.tokens().admin(), "WEBHOOK");
        browser.get(console + "/interactions/" + x.id());
        WebDriverWait registered = new WebDriverWait(browser, Duration.ofSeconds(30));
        registered.withMessage(() -> "the X webhook section says: " + browser.findElements(By.id("x-webhook")).stream()
                .map(section -> section.getAttribute("innerHTML")).findFirst().orElse("(no section)"));
        registered.until(driver -> {
            driver.navigate().refresh();
            return driver.findElements(By.id("x-webhook-subscribed")).stream()
                    .anyMatch(subscribed -> "ok".equals(subscribed.getAttribute("class")));
        });
        assertThat(browser.findElement(By.id("x-webhook-valid")).getAttribute("class")).isEqualTo("ok");
        browser.findElement(By.id("x-crc")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("O X refez o CRC.");
        browser.findElement(By.id("x-register")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("Webhook registrado de novo.");
        screenshot("12b-x-webhook");
        // deleted again through "Ações > Excluir": the system is shared, and X delivers the account's DMs to every
        // webhook still registered; a deleted interaction's callback answers 404, so it gets none
        browser.findElement(By.id("delete")).click();
        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-id='" + x.id() + "']")));
        // "Conectar conta do X": an X Activity API interaction's account connected with OAuth 2.0 and PKCE, through the
        // simulated X's authorization page and back through the console's landing (the tokens' sealing and the
        // checks of the state are XConnectionTest's)
        DemoXInteraction activity = DemoXInteraction.create(system.configService(), system.tokens().admin(),
                "ACTIVITY_API");
        browser.get(console + "/interactions/" + activity.id());
        assertThat(browser.findElement(By.id("x-connection-status")).getText()).isEqualTo("NOT_CONNECTED");
        browser.findElement(By.id("x-connect")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("authorize-app")));
        assertThat(browser.getCurrentUrl()).startsWith(system.simulators().baseUrl() + "/i/oauth2/authorize?")
                .contains("code_challenge_method=S256").contains("client_id=" + DemoXInteraction.CLIENT_ID);
        screenshot("12c-x-authorize");
        browser.findElement(By.id("authorize-app")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice"))).getText())
                .isEqualTo("Conta do X conectada.");
        assertThat(browser.getCurrentUrl()).isEqualTo(console + "/interactions/" + activity.id() + "?notice=x-connected");
        assertThat(browser.findElement(By.id("x-connection-status")).getText()).isEqualTo("CONNECTED");
        assertThat(browser.findElement(By.id("x-connection-scope")).getText()).contains("dm.read").contains("dm.write");
        screenshot("12d-x-connected");
        browser.findElement(By.id("delete")).click();
        browser.findElement(By.id("confirm")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tr[data-id='" + activity.id()
                + "']")));
        // health: a person writes to the demo interaction; its page shows the message in and the answer sent
        assertThat(demo.post(DemoInteraction.webhook(DemoInteraction.newMessageSid(), "+5511912349876", "Rita",
                "Meu e-mail não sincroniza")).status()).isEqualTo(200);
        // and someone posts to its callback URL with a bad signature: refused, reported by the gateway
        assertThat(HttpJson.postForm(demo.callbackUrl(), DemoInteraction.webhook(DemoInteraction.newMessageSid(),
                "+5511912349876", "Intruso", "forjada"), Map.of("X-Twilio-Signature", "bm90LWEtc2lnbmF0dXJl"))
                .status()).isEqualTo(403);
        browser.get(console + "/interactions/" + demo.id());
        WebDriverWait traffic = new WebDriverWait(browser, Duration.ofSeconds(30));
        traffic.withMessage(() -> "the health section says: " + browser.findElements(By.id("health")).stream()
                .map(WebElement::getText).findFirst().orElse("(no section)"));
        traffic.until(driver -> {
            driver.navigate().refresh();
            return !driver.findElement(By.id("health-last-sent")).getText().equals("nunca")
                    && driver.findElement(By.id("health-signatures")).getText().startsWith("1 ");
        });
        assertThat(Integer.parseInt(browser.findElement(By.id("health-messages")).getText())).isGreaterThanOrEqualTo(1);
        assertThat(browser.findElement(By.id("health-last-in")).getText()).startsWith("20");
        assertThat(browser.findElements(By.id("health-problem"))).isEmpty();
        screenshot("12c-health");

        browser.get(console + "/interactions");
        assertThat(browser.findElements(By.cssSelector("#interactions tr[data-id]"))).hasSizeGreaterThanOrEqualTo(2);
        screenshot("12d-list");

        // a viewer reads everything and can change nothing
        browser.get(console + "/logout");
        browser.manage().deleteAllCookies();
        logIn("viewer", "13-viewer-login");
        assertThat(browser.findElements(By.id("new-whatsapp"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("a.delete"))).isEmpty();
        browser.get(console + "/interactions/" + id);
        assertThat(browser.findElements(By.id("save"))).isEmpty();
        assertThat(browser.findElements(By.id("verify"))).isEmpty();
        assertThat(browser.findElements(By.id("delete"))).isEmpty();
        assertThat(field("name").isEnabled()).isFalse();
        screenshot("14-viewer-form");
        browser.get(console + "/dead-letters");
        assertThat(browser.findElements(By.cssSelector("button.replay"))).isEmpty();

        // the page of an interaction that does not exist, and the console in English
        browser.get(console + "/interactions/AAAAAAAAAAAAAAAAAAAAAA");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Não encontrada");
        screenshot("15-not-found");
        browser.findElement(By.id("lang-en")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1"))).getText())
                .isEqualTo("Omnichannel interactions");
        assertThat(browser.findElement(By.id("search")).getText()).isEqualTo("Search");
        screenshot("16-list-in-english");
    }

    private static void logIn(String username, String screenshot) throws Exception {
        browser.get(console);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        IdentityProvider.User user = IdentityProvider.USERS.stream().filter(u -> u.username().equals(username))
                .findFirst().orElseThrow();
        browser.findElement(By.id("username")).sendKeys(user.username());
        browser.findElement(By.id("password")).sendKeys(user.password());
        screenshot(screenshot);
        browser.findElement(By.id("login")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("interactions")));
        assertThat(browser.findElement(By.id("user")).getText()).isEqualTo(user.subject());
    }

    private static void fillWhatsApp(String name, String number) {
        field("name").sendKeys(name);
        field("defaultUnitId").sendKeys(Long.toString(DemoInteraction.UNIT));
        field("defaultGroupId").sendKeys(Long.toString(DemoInteraction.GROUP));
        field("defaultActivityId").sendKeys(Long.toString(DemoInteraction.ACTIVITY));
        field("contactOriginId").sendKeys(Long.toString(DemoInteraction.ORIGIN));
        field("active").click();
        field("whatsapp.number").sendKeys(number);
        field("whatsapp.accountSid").sendKeys(DemoInteraction.ACCOUNT_SID);
        field("whatsapp.authToken").sendKeys(DemoInteraction.AUTH_TOKEN);
    }

    private static WebElement field(String name) {
        return browser.findElement(By.id("f-" + name));
    }

    /** A dead letter on the inbound topic's dead-letter topic, as a consumer writes one; its id in the console. */
    private static String deadLetter(String key) throws Exception {
        Properties config = new Properties();
        config.put("bootstrap.servers", system.kafka().bootstrapServers());
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.deadLetter(Topics.INBOUND), key,
                    "{\"poison\":\"console browser test\"}");
            record.headers().add("dead-letter-reason", "console browser test: unreadable".getBytes(
                    StandardCharsets.UTF_8));
            record.headers().add("dead-letter-topic", Topics.INBOUND.getBytes(StandardCharsets.UTF_8));
            var sent = producer.send(record).get();
            return sent.topic() + ":" + sent.partition() + ":" + sent.offset();
        }
    }

    /** The whole page: the window grows to the page's height for the picture, then goes back. */
    private static void screenshot(String name) throws Exception {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.max(600, Math.min(height + 140,
                4000))));
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        browser.manage().window().setSize(window);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }
}

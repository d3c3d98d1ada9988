package omnichannel.whatsapp.client;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import omnichannel.platform.interactions.InternalInteraction;
import omnichannel.platform.resilience.DependencyBreaker;
import omnichannel.whatsapp.config.WhatsAppConfig;

/**
 * Sends WhatsApp messages with the official Twilio SDK. The SDK blocks, so every call runs on a pool of its own and
 * the result comes back on the caller's Vert.x context (where the reactive database session lives).
 */
@ApplicationScoped
public class TwilioSender {

    /** How many of Twilio's newest messages to a person are read when looking for an earlier attempt's send. */
    private static final int RECENT_PAGE = 20;

    private final RebasedTwilioHttpClient http;
    private final ExecutorService pool;
    /**
     * Twilio's breaker: server errors and failed connections count; a 4xx (our message refused) and a 429 (one sender
     * above its rate) are answers about one message or sender, not about Twilio.
     */
    private final DependencyBreaker breaker;

    private final SenderRateLimiter limiter;

    public TwilioSender(WhatsAppConfig config, MeterRegistry metrics, SenderRateLimiter limiter) {
        this.limiter = limiter;
        this.http = new RebasedTwilioHttpClient(config.twilioApiBaseUrl());
        this.breaker = new DependencyBreaker("twilio", TwilioSender::twilioInTrouble, metrics);
        this.pool = Executors.newFixedThreadPool(config.senderThreads(), runnable -> {
            Thread thread = new Thread(runnable, "twilio-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A message to send from an interaction's number: free text and media, or an approved template
     * ({@code contentSid} with its variables as JSON) when WhatsApp's 24-hour window is closed.
     */
    public record Outgoing(String to, String body, List<String> mediaUrls, String contentSid, String contentVariables,
            URI statusCallback) {
    }

    /** The Twilio message sid. Fails with the SDK's {@code ApiException}, without a status when no answer came. */
    public Uni<String> send(InternalInteraction interaction, Outgoing outgoing) {
        Context context = Vertx.currentContext();
        Uni<String> sent = breaker.call(() -> Uni.createFrom().item(() -> create(interaction, outgoing))
                .runSubscriptionOn(pool));
        return context == null ? sent : sent.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    /** A message Twilio holds, as far as finding an earlier attempt's send needs it. */
    public record Recent(String sid, String body, Instant createdAt) {
    }

    /**
     * The newest messages Twilio holds from the interaction's number to {@code to} (Twilio's list, newest first; one
     * page of {@value #RECENT_PAGE}): where an attempt whose answer was lost finds out whether its message got through.
     */
    public Uni<List<Recent>> recent(InternalInteraction interaction, String to) {
        Context context = Vertx.currentContext();
        Uni<List<Recent>> found = breaker
                .call(() -> Uni.createFrom().item(() -> read(interaction, to)).runSubscriptionOn(pool));
        return context == null ? found : found.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }

    private List<Recent> read(InternalInteraction interaction, String to) {
        TwilioRestClient client = new TwilioRestClient.Builder(interaction.twilioAccountSid(), interaction.twilioAuthToken())
                .httpClient(http)
                .build();
        return Message.reader()
                .setTo(new PhoneNumber(whatsapp(to)))
                .setFrom(new PhoneNumber(whatsapp(interaction.whatsappNumber())))
                .setPageSize((long) RECENT_PAGE)
                .firstPage(client)
                .getRecords().stream()
                .map(message -> new Recent(message.getSid(), message.getBody(),
                        message.getDateCreated() == null ? null : message.getDateCreated().toInstant()))
                .toList();
    }

    private String create(InternalInteraction interaction, Outgoing outgoing) {
        TwilioRestClient client = new TwilioRestClient.Builder(interaction.twilioAccountSid(), interaction.twilioAuthToken())
                .httpClient(http)
                .build();
        PhoneNumber to = new PhoneNumber(whatsapp(outgoing.to()));
        PhoneNumber from = new PhoneNumber(whatsapp(interaction.whatsappNumber()));
        MessageCreator creator;
        if (outgoing.contentSid() != null) {
            creator = Message.creator(to, from, (String) null).setContentSid(outgoing.contentSid())
                    .setContentVariables(outgoing.contentVariables());
        } else {
            creator = Message.creator(to, from, outgoing.body().isEmpty() ? null : outgoing.body());
        }
        if (!outgoing.mediaUrls().isEmpty() && outgoing.contentSid() == null) {
            creator.setMediaUrl(outgoing.mediaUrls().stream().map(URI::create).toList());
        }
        if (outgoing.statusCallback() != null) {
            creator.setStatusCallback(outgoing.statusCallback());
        }
        // on this thread, right before the request leaves: the sender's messages stay spaced even after a stall
        limiter.spaceOut(interaction.whatsappNumber(), interaction.messagesPerSecond());
        return creator.create(client).getSid();
    }

    private static boolean twilioInTrouble(Throwable failure) {
        return !(failure instanceof ApiException e) || e.getStatusCode() == null || e.getStatusCode() >= 500;
    }

    private static String whatsapp(String address) {
        return address.startsWith("whatsapp:") ? address : "whatsapp:" + address;
    }

    @PreDestroy
    void shutdown() {
        pool.shutdown();
    }
}

package omnichannel.bridge.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "bridge")
public interface BridgeConfig {

    /** 4biz's time zone: follow-ups carry a local date and hour. */
    @WithDefault("America/Sao_Paulo")
    ZoneId timeZone();

    /** Texts sent to the person; Portuguese by default. */
    Texts texts();

    /** Words that stop or resume messages to a person (compared without case or surrounding blanks). */
    Keywords keywords();

    /** How attendants' answers are found in 4biz. */
    Answers answers();

    /** The satisfaction question after a ticket is resolved. */
    Csat csat();

    /** Files in people's messages, attached to their tickets in 4biz. */
    Media media();

    /** Attendants writing first ({@code POST /api/v1/tickets/{number}/contact}). */
    Contact contact();

    Helper helper();

    /** Timeouts of the calls to the Helper bot (parameter 441). */
    interface Helper {

        @WithDefault("3s")
        Duration connectTimeout();

        @WithDefault("10s")
        Duration callTimeout();
    }

    interface Contact {

        /** Contact requests one caller (a token's subject) may make a minute, refused ones included. */
        @WithDefault("30")
        int perCallerPerMinute();

        /** Contact requests about one ticket an hour, refused ones included (no trying numbers one after another). */
        @WithDefault("6")
        int perTicketPerHour();
    }

    interface Media {

        /** The largest file attached for an interaction without its own media policy (at most 16 MB). */
        @WithDefault("10485760")
        long maxBytes();

        /** The content types attached for an interaction without its own media policy ({@code image/*}: any image). */
        @WithDefault("image/*,audio/*,video/*,application/pdf,text/plain,application/msword,"
                + "application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.ms-excel,"
                + "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        List<String> contentTypes();

        /**
         * The only hosts WhatsApp media is fetched from, for the message's URL and every redirect: a name (https) or
         * {@code host:port} (any scheme, for a local simulator). Twilio's API and the CDN it redirects to.
         */
        @WithDefault("api.twilio.com,media.twiliocdn.com,mms.twiliocdn.com")
        List<String> whatsappHosts();

        /** The only hosts X DM media is fetched from, as {@link #whatsappHosts()}. */
        @WithDefault("ton.twitter.com,ton.x.com")
        List<String> twitterHosts();

        /** Files held in memory at once (each up to its policy's size, 16 MB at most); more wait and are retried. */
        @WithDefault("2")
        int concurrentDownloads();

        /** The longest a file's download may take. */
        @WithDefault("30s")
        Duration timeout();

        @WithDefault("5s")
        Duration connectTimeout();

        /**
         * The key that signs links to attendants' files (HMAC-SHA256), at least 32 characters; required outside dev
         * and test. Rotating it voids the links not yet used.
         */
        Optional<String> linkKey();

        /** How long a link to an attendant's file works (it works once): the provider fetches it when it sends. */
        @WithDefault("1h")
        Duration linkLifetime();
    }

    interface Csat {

        /** Whether a resolved ticket's notice asks the person to rate the service (1 to 5). */
        @WithDefault("true")
        boolean enabled();

        /** How long after the notice a rating is still written on the ticket. */
        @WithDefault("24h")
        Duration answerWithin();
    }

    interface Texts {

        /** Acknowledges a new ticket. {@code {greeting}}: ", <name>" or nothing; {@code {ticket}}: the ticket number. */
        @WithDefault("Olá{greeting}! Recebemos sua mensagem e abrimos o chamado nº {ticket}. Responderemos por aqui.")
        String acknowledgement();

        /**
         * Acknowledges a new ticket outside the interaction's business hours, unless the interaction has its own text.
         * {@code {greeting}}: ", <name>" or nothing; {@code {ticket}}: the ticket number.
         */
        @WithDefault("Olá{greeting}! Recebemos sua mensagem e abrimos o chamado nº {ticket}. Estamos fora do horário "
                + "de atendimento: responderemos por aqui no próximo horário.")
        String outOfHours();

        /** Sent when the ticket is resolved. */
        @WithDefault("Seu chamado nº {ticket} foi resolvido. Se precisar de algo mais, é só escrever.")
        String resolved();

        /** Sent when the ticket is closed. */
        @WithDefault("Seu chamado nº {ticket} foi encerrado. Se precisar de algo mais, é só escrever.")
        String closed();

        /** Confirms an opt-out; nothing else is sent to the person afterwards. */
        @WithDefault("Você não receberá mais mensagens nossas por aqui. Para voltar a recebê-las, envie VOLTAR.")
        String optedOut();

        /** Confirms an opt-in. */
        @WithDefault("Pronto, você voltará a receber nossas mensagens por aqui.")
        String optedIn();

        /** An attendant's contact inside WhatsApp's window (outside it, the contact template goes out). */
        @WithDefault("Olá! Aqui é do suporte, sobre o chamado nº {ticket}. Responda esta mensagem para continuarmos.")
        String contact();

        /** Follows the resolved notice when {@code bridge.csat.enabled}. */
        @WithDefault("Como você avalia o atendimento? Responda com um número de 1 (muito ruim) a 5 (ótimo).")
        String csatQuestion();

        /** Thanks the person for a rating. */
        @WithDefault("Obrigado pela sua avaliação!")
        String csatThanks();

        /** Offered when the Helper bot gives up. */
        @WithDefault("1 - Falar com Atendente\n2 - Retomar Atendimento")
        String helperChoice();

        /** Sent when the person chooses to go on with the bot. */
        @WithDefault("Certo, vamos continuar. Como posso ajudar?")
        String helperResumed();
    }

    interface Keywords {

        @WithDefault("SAIR,PARAR,STOP")
        List<String> optOut();

        @WithDefault("VOLTAR,START")
        List<String> optIn();
    }

    interface Answers {

        /** How often the tickets of open conversations are checked for attendants' answers and status changes. */
        @WithDefault("10s")
        Duration pollInterval();

        /** Conversations claimed per poll round. */
        @WithDefault("500")
        int batchSize();

        /** 4biz calls in flight at once while polling. */
        @WithDefault("16")
        int concurrency();

        /** Follow-up categories that attendants write for the person. */
        @WithDefault("Retorno,Informação")
        List<String> categories();
    }
}

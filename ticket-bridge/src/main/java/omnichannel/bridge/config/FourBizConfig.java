package omnichannel.bridge.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fourbiz")
public interface FourBizConfig {

    /** The 4biz application root, e.g. {@code https://itsm.example.com/4biz} ({@code FOURBIZ_BASE_URL}). */
    String baseUrl();

    /** The integration user in 4biz ({@code FOURBIZ_USERNAME}). */
    String username();

    /** Its password ({@code FOURBIZ_PASSWORD}); a secret, never logged. */
    String password();

    @WithDefault("3s")
    Duration connectTimeout();

    /** How long one call may take before it counts as a transient failure. */
    @WithDefault("15s")
    Duration callTimeout();

    /**
     * Calls no public 4biz document describes, or that need something 4biz's administrator registers. Each is off
     * unless configured; one that this 4biz answers 404/405/501 is switched off until {@link #reprobeAfter()}.
     */
    Capabilities capabilities();

    interface Capabilities {

        /**
         * The path under {@code /services} of an employee web service that upserts the requester in the interaction's
         * default unit and group ({@code FOURBIZ_CAPABILITIES_REQUESTER_UPSERT}, e.g. {@code employee/synchronize}).
         * Not documented by 4biz: off by default, when 4biz creates the requester itself ({@code request/create} with
         * {@code synchronize}).
         */
        Optional<String> requesterUpsert();

        /**
         * The name of a query registered in 4biz that finds colaboradores by phone number, called through the
         * documented {@code data/query} ({@code FOURBIZ_CAPABILITIES_EMPLOYEE_QUERY}). It gets {@link #employeeQueryParameter()}
         * with the number in every notation and answers rows with {@code login} (and {@code name}, {@code phoneNumber}).
         */
        Optional<String> employeeQuery();

        /** The parameter of {@link #employeeQuery()} that takes the list of numbers. */
        @WithDefault("phoneNumbers")
        String employeeQueryParameter();

        /**
         * The path, from the application root, of the {@code /webmvc} read of a ticket's attachment, with
         * {@code {ticket}} and {@code {attachment}} in it ({@code FOURBIZ_CAPABILITIES_ATTACHMENT_READ}, e.g.
         * {@code /webmvc/v1/requests/{ticket}/attachments/{attachment}}): attendants' files then reach the person.
         */
        Optional<String> attachmentRead();

        /** How long a capability this 4biz lacks stays off before it is tried again (a 4biz may be upgraded). */
        @WithDefault("1h")
        Duration reprobeAfter();
    }
}

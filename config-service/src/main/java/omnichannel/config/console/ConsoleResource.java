package omnichannel.config.console;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateData;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

import omnichannel.config.Interaction;
import omnichannel.config.client.FourBizChecks;
import omnichannel.config.client.InteractionTraffic;
import omnichannel.config.client.TwitterWebhooks;
import omnichannel.config.rest.InteractionView;
import omnichannel.config.service.DeadLetterService;
import omnichannel.config.service.InteractionInput;
import omnichannel.config.service.InteractionService;
import omnichannel.config.service.InvalidFields;
import omnichannel.config.service.NotActivatable;
import omnichannel.config.service.NotFound;
import omnichannel.config.service.ParameterDefinition;
import omnichannel.config.service.ParameterService;
import omnichannel.config.service.SignatureFailures;
import omnichannel.config.service.StaleVersion;
import omnichannel.config.service.VerificationService;
import omnichannel.config.service.XConnections;
import omnichannel.events.Channel;
import omnichannel.platform.interactions.DeliveryMode;
import omnichannel.platform.rest.ProblemException;
import omnichannel.platform.rest.Roles;

/**
 * The admin console: 4biz's "Menu > Sistema > Configurações > Interações Omnichannel" screen as server-rendered pages
 * (Qute), over the very services the REST API calls, so every rule holds the same; a refused change is shown with
 * the API's words next to each field. Viewers read, admins write (the same roles); every form carries the CSRF token
 * ({@link CsrfFilter}); no secret is ever rendered. Pages answer after a post by redirecting (303), so a reload never
 * posts twice.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsoleResource {

    private static final int PAGE_SIZE = 20;
    static final String LANGUAGE_COOKIE = "console-lang";

    @CheckedTemplate(basePath = "console")
    static class Templates {

        static native TemplateInstance list(Chrome chrome, Listing listing);

        static native TemplateInstance form(Chrome chrome, InteractionForm form, TwitterWebhooks.Status webhook,
                Health health, List<FourBizChecks.Unit> units, XConnections.Status connection);

        static native TemplateInstance confirmDelete(Chrome chrome, Interaction interaction);

        static native TemplateInstance verification(Chrome chrome, Interaction interaction,
                VerificationService.Verification verification);

        static native TemplateInstance audit(Chrome chrome, String id, String name, List<AuditRow> entries);

        static native TemplateInstance parameters(Chrome chrome, List<ParameterRow> parameters,
                List<ReadinessRow> readiness, String error, FourBizChecks.Capabilities capabilities);

        static native TemplateInstance deadLetters(Chrome chrome, List<DeadLetterService.DeadLetter> letters);

        static native TemplateInstance problem(Chrome chrome, int status, String detail);
    }

    /** What every page shows around its content: who is logged in, what they may do, the form token, the language. */
    @TemplateData
    public record Chrome(String user, boolean admin, String csrf, String lang, String section, String notice) {
    }

    /** The list page: filters, one page of rows, paging. */
    @TemplateData
    public record Listing(String name, String channel, String active, boolean deleted, List<Row> rows, int page,
            int pages, long total, String query) {

        public boolean hasPrevious() {
            return page > 0;
        }

        public boolean hasNext() {
            return page + 1 < pages;
        }

        public int shownPage() {
            return page + 1;
        }

        public int previousPage() {
            return page - 1;
        }

        public int nextPage() {
            return page + 1;
        }
    }

    /**
     * The interaction's health: its traffic (ticket-bridge), its pending dead letters and the bad signatures the
     * gateways reported (here).
     */
    @TemplateData
    public record Health(InteractionTraffic.Traffic traffic, long deadLetters, long signatureFailures24h,
            String lastSignatureFailure) {
    }

    @TemplateData
    public record Row(String id, String name, String channel, String account, boolean active, String updatedAt) {
    }

    @TemplateData
    public record AuditRow(String action, String actor, String fields, String at) {
    }

    @TemplateData
    public record ParameterRow(int id, String name, String feature, String value, String problem) {
    }

    @TemplateData
    public record ReadinessRow(String feature, boolean ready, List<String> missing) {
    }

    private final InteractionService interactions;
    private final VerificationService verification;
    private final ParameterService parameters;
    private final DeadLetterService deadLetters;
    private final SecurityIdentity identity;
    private final CsrfTokens csrf;
    private final TwitterWebhooks twitterWebhooks;
    private final XConnections xConnections;
    @ConfigProperty(name = "quarkus.oidc.console.authentication.cookie-force-secure", defaultValue = "false")
    boolean forceSecureCookies;
    /** This request's headers (a request-scoped proxy): the language cookie and Accept-Language. */
    @Context
    HttpHeaders headers;
    private final InteractionTraffic traffic;
    private final SignatureFailures signatureFailures;
    private final FourBizChecks fourBiz;

    public ConsoleResource(InteractionService interactions, VerificationService verification,
            ParameterService parameters, DeadLetterService deadLetters, SecurityIdentity identity, CsrfTokens csrf,
            TwitterWebhooks twitterWebhooks, InteractionTraffic traffic, SignatureFailures signatureFailures,
            FourBizChecks fourBiz, XConnections xConnections) {
        this.xConnections = xConnections;
        this.fourBiz = fourBiz;
        this.twitterWebhooks = twitterWebhooks;
        this.signatureFailures = signatureFailures;
        this.traffic = traffic;
        this.interactions = interactions;
        this.verification = verification;
        this.parameters = parameters;
        this.deadLetters = deadLetters;
        this.identity = identity;
        this.csrf = csrf;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response home() {
        return seeOther("/console/interactions");
    }

    /** The language of the pages: pt-BR (the product's) or English; kept in a cookie of the console's path. */
    @GET
    @Path("/language/{tag}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Response language(@PathParam("tag") String tag, @Context UriInfo uri) {
        String chosen = tag.equals("en") ? "en" : "pt-BR";
        // Secure as the session cookie is: the person came over https (as the trusted proxy forwarded it), or forced
        boolean secure = forceSecureCookies || "https".equals(uri.getRequestUri().getScheme());
        return Response.seeOther(URI.create("/console/interactions"))
                .cookie(new NewCookie.Builder(LANGUAGE_COOKIE).value(chosen).path("/console").httpOnly(true)
                        .secure(secure).sameSite(NewCookie.SameSite.STRICT).maxAge(365 * 24 * 3600).build())
                .build();
    }

    @GET
    @Path("/interactions")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Uni<TemplateInstance> list(@QueryParam("name") String name, @QueryParam("channel") String channel,
            @QueryParam("active") String active, @QueryParam("deleted") boolean deleted,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("notice") String notice) {
        Channel channelFilter = parseChannel(channel);
        Boolean activeFilter = "true".equals(active) ? Boolean.TRUE : "false".equals(active) ? Boolean.FALSE : null;
        int shown = Math.max(0, Math.min(page, 100_000));
        StringBuilder query = new StringBuilder();
        append(query, "name", name);
        append(query, "channel", channelFilter == null ? null : channelFilter.name());
        append(query, "active", activeFilter == null ? null : activeFilter.toString());
        append(query, "deleted", deleted ? "true" : null);
        return interactions.search(name, channelFilter, activeFilter, deleted, shown, PAGE_SIZE).map(found -> {
            List<Row> rows = found.items().stream().map(ConsoleResource::row).toList();
            int pages = (int) Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
            return page(Templates.list(chrome("interactions", notice),
                    new Listing(name == null ? "" : name, channelFilter == null ? "" : channelFilter.name(),
                            activeFilter == null ? "" : activeFilter.toString(), deleted, rows, shown, pages,
                            found.total(), query.toString())));
        });
    }

    @GET
    @Path("/interactions/new")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<TemplateInstance> newForm(@QueryParam("channel") String channel) {
        Channel chosen = parseChannel(channel);
        return fourBiz.units(accessToken()).map(units -> page(Templates.form(chrome("interactions", null),
                InteractionForm.empty(chosen == null ? Channel.WHATSAPP_TWILIO : chosen), null, null, units, null)));
    }

    @POST
    @Path("/interactions")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> create(MultivaluedMap<String, String> form) {
        Channel channel = parseChannel(form.getFirst("channel"));
        InteractionForm shown = InteractionForm.empty(channel == null ? Channel.WHATSAPP_TWILIO : channel)
                .withPosted(form);
        List<InvalidFields.Violation> parseErrors = new ArrayList<>();
        InteractionInput input = InteractionForm.input(shown.channel, form, null, parseErrors);
        if (!parseErrors.isEmpty()) {
            return Uni.createFrom().item(refused(shown, new InvalidFields(parseErrors)));
        }
        return interactions.create(input, actor())
                .map(created -> seeOther("/console/interactions/" + created.id + "?notice=created"))
                .onFailure(ProblemException.class)
                .recoverWithItem(failure -> refused(shown, (ProblemException) failure));
    }

    @GET
    @Path("/interactions/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Uni<Response> edit(@PathParam("id") String id, @QueryParam("notice") String notice) {
        return interactions.find(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(notFound());
            }
            Uni<TwitterWebhooks.Status> webhook = found.channel == Channel.TWITTER_DM
                    && found.twitterDeliveryMode != DeliveryMode.POLLING
                            ? twitterWebhooks.status(id, accessToken())
                            : Uni.createFrom().nullItem();
            Uni<Health> health = traffic.of(id, accessToken()).chain(figures -> deadLetters.pendingOf(id)
                    .chain(pending -> signatureFailures.recent(id).map(bad -> new Health(figures, pending,
                            bad.last24h(), bad.lastAt() == null ? null : bad.lastAt().toString()))));
            Uni<XConnections.Status> connection = found.channel == Channel.TWITTER_DM
                    && found.twitterDeliveryMode != DeliveryMode.POLLING
                            ? xConnections.status(id)
                            : Uni.createFrom().nullItem();
            return Uni.combine().all().unis(webhook, health, fourBiz.units(accessToken()), connection).asTuple()
                    .map(all -> html(200, page(Templates.form(chrome("interactions", notice),
                            formOf(found), all.getItem1(), all.getItem2(), all.getItem3(), all.getItem4()))));
        });
    }

    @POST
    @Path("/interactions/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> update(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        return interactions.find(id).chain(found -> {
            if (found == null) {
                return Uni.createFrom().item(notFound());
            }
            // the version the admin's page was showing: a change saved since then is a conflict, not overwritten
            long basedOn = parseVersion(form.getFirst("version"));
            InteractionForm shown = formOf(found).withPosted(form);
            List<InvalidFields.Violation> parseErrors = new ArrayList<>();
            InteractionInput input = InteractionForm.input(found.channel, form, basedOn, parseErrors);
            if (!parseErrors.isEmpty()) {
                return Uni.createFrom().item(refused(shown, new InvalidFields(parseErrors)));
            }
            return interactions.update(id, input, basedOn, actor())
                    .map(updated -> seeOther("/console/interactions/" + id + "?notice=saved"))
                    .onFailure(ProblemException.class)
                    .recoverWithItem(failure -> refused(shown, (ProblemException) failure));
        });
    }

    @GET
    @Path("/interactions/{id}/delete")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> confirmDelete(@PathParam("id") String id) {
        return interactions.find(id).map(found -> found == null
                ? notFound()
                : html(200,
                        page(Templates.confirmDelete(chrome("interactions", null), found))));
    }

    @POST
    @Path("/interactions/{id}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> delete(@PathParam("id") String id) {
        return interactions.delete(id, actor())
                .map(deleted -> seeOther("/console/interactions?deleted=true&notice=deleted"))
                .onFailure(NotFound.class).recoverWithItem(failure -> notFound());
    }

    @POST
    @Path("/interactions/{id}/restore")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> restore(@PathParam("id") String id) {
        return interactions.restore(id, actor())
                .map(restored -> seeOther("/console/interactions/" + id + "?notice=restored"))
                .onFailure(ProblemException.class).recoverWithItem(failure -> problemPage((ProblemException) failure));
    }

    /** "Testar conexão": the same verification as the API, each step with its result. */
    @POST
    @Path("/interactions/{id}/verification")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> verify(@PathParam("id") String id) {
        return interactions.find(id).chain(found -> found == null
                ? Uni.createFrom().item(notFound())
                : verification.verify(id, accessToken()).map(result -> html(200, page(
                        Templates.verification(chrome("interactions", null), found, result)))));
    }

    /** "Conectar conta do X": to X's authorization page (OAuth 2.0 with PKCE), the state bound to this person. */
    @POST
    @Path("/interactions/{id}/x-connection")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> connectX(@PathParam("id") String id) {
        return xConnections.start(id, actor())
                .map(started -> Response.seeOther(URI.create(started.authorizationUrl())).build())
                .onFailure(ProblemException.class).recoverWithItem(failure -> problemPage((ProblemException) failure));
    }

    /**
     * Where X sends the admin back (the X app's Callback URI, {@code X_OAUTH2_REDIRECT_URI}). The console's session
     * cookie is SameSite=Strict, so a navigation that comes from x.com arrives without it: this page, open to anyone and
     * doing nothing, moves the browser on to {@link #xCallback} from our own origin, where the cookie is sent.
     */
    @GET
    @Path("/x/landing")
    @PermitAll
    @Operation(hidden = true)
    public Response xLanding(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        StringBuilder next = new StringBuilder("/console/x/callback?");
        for (String[] pair : new String[][]{{"state", state}, {"code", code}, {"error", error}}) {
            if (pair[1] != null && pair[1].length() <= 2048) {
                next.append(pair[0]).append('=').append(URLEncoder.encode(pair[1], StandardCharsets.UTF_8))
                        .append("&amp;");
            }
        }
        // URLEncoder leaves only [A-Za-z0-9.*_+%-]: nothing that can leave the attribute
        return Response.ok("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" "
                + "content=\"0;url=" + next + "\"><title>X</title></head><body></body></html>")
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).build();
    }

    /** The X authorization completes here, with this person's session: the tokens are fetched and sealed. */
    @GET
    @Path("/x/callback")
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> xCallback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error) {
        return xConnections.complete(state, code, error, actor())
                .map(interactionId -> seeOther("/console/interactions/" + interactionId + "?notice=x-connected"))
                .onFailure(ProblemException.class).recoverWithItem(failure -> problemPage((ProblemException) failure));
    }

    private Response problemPage(ProblemException failure) {
        return html(failure.status(), page(Templates.problem(chrome("interactions", null), failure.status(),
                failure.getMessage())));
    }

    /** The X webhook's actions (channel-twitter owns registration): register again, or have X run the CRC again. */
    @POST
    @Path("/interactions/{id}/x-webhook/{action}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> xWebhook(@PathParam("id") String id, @PathParam("action") String action) {
        if (!action.equals("registration") && !action.equals("crc")) {
            return Uni.createFrom().item(notFound());
        }
        // only an interaction that exists is asked about: a path id is never passed on as it was typed
        return interactions.find(id).chain(found -> {
            if (found == null || found.channel != Channel.TWITTER_DM) {
                return Uni.createFrom().item(notFound());
            }
            Uni<TwitterWebhooks.Status> done = action.equals("registration")
                    ? twitterWebhooks.register(found.id, accessToken())
                    : twitterWebhooks.recheck(found.id, accessToken());
            return done.map(status -> seeOther("/console/interactions/" + found.id + "?notice="
                    + (status.problem() == null ? "webhook-" + action : "webhook-failed")));
        });
    }

    @GET
    @Path("/interactions/{id}/audit")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Uni<Response> audit(@PathParam("id") String id) {
        return interactions.audit(id)
                .map(entries -> entries.stream().map(e -> new AuditRow(e.action, e.actor,
                        e.fields.replace(",", ", "), e.at.toString())).toList())
                .map(rows -> html(200, page(Templates.audit(chrome("interactions", null), id, null, rows))))
                .onFailure(NotFound.class).recoverWithItem(failure -> notFound());
    }

    @GET
    @Path("/parameters")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Uni<TemplateInstance> parameters(@QueryParam("notice") String notice) {
        return parametersPage(notice, null);
    }

    @POST
    @Path("/parameters/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> setParameter(@PathParam("id") int id, MultivaluedMap<String, String> form) {
        String value = form.getFirst("value");
        Uni<?> change = value == null || value.isBlank()
                ? parameters.unset(id)
                : parameters.set(id, value.strip(), actor());
        return change.map(done -> seeOther("/console/parameters?notice=saved"))
                .onFailure(ProblemException.class).recoverWithUni(failure -> parametersPage(null,
                        id + ": " + failure.getMessage() + violations((ProblemException) failure))
                        .map(page -> html(((ProblemException) failure).status(), page)));
    }

    @GET
    @Path("/dead-letters")
    @RolesAllowed({Roles.VIEWER, Roles.ADMIN})
    @Operation(hidden = true)
    public Uni<TemplateInstance> deadLetters(@QueryParam("notice") String notice) {
        return deadLetters.pending(null, null)
                .map(letters -> page(Templates.deadLetters(chrome("dead-letters", notice), letters)));
    }

    @POST
    @Path("/dead-letters/{id}/replay")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> replay(@PathParam("id") String id) {
        return deadLetters.replay(id, actor())
                .map(replayed -> seeOther("/console/dead-letters?notice=" + (replayed == null ? "gone" : "replayed")));
    }

    @POST
    @Path("/dead-letters/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    @Operation(hidden = true)
    public Uni<Response> discard(@PathParam("id") String id) {
        return deadLetters.discard(id, actor())
                .map(done -> seeOther("/console/dead-letters?notice=" + (done ? "discarded" : "gone")));
    }

    private Uni<TemplateInstance> parametersPage(String notice, String error) {
        return fourBiz.capabilities(accessToken()).chain(capabilities -> parameters.values()
                .chain(values -> parameters.readiness().map(readiness -> {
                    List<ParameterRow> rows = Arrays.stream(ParameterDefinition.values())
                            .map(p -> {
                                String value = values.get(p.id);
                                return new ParameterRow(p.id, p.label, p.feature.name(), value == null ? "" : value,
                                        value == null ? "not set" : p.problem(value));
                            })
                            .toList();
                    List<ReadinessRow> ready = readiness.entrySet().stream()
                            .map(entry -> new ReadinessRow(entry.getKey().name(), entry.getValue().ready(), Stream
                                    .concat(entry.getValue().missing().stream().map(id -> id + ": not set"),
                                            entry.getValue().invalid().stream().map(i -> i.id() + ": " + i.problem()))
                                    .toList()))
                            .toList();
                    return page(Templates.parameters(chrome("parameters", notice), rows, ready, error, capabilities));
                })));
    }

    /** A refused change: the form again, with the API's words next to each field (or at the top), and its status. */
    private Response refused(InteractionForm shown, ProblemException problem) {
        if (problem instanceof InvalidFields invalid) {
            shown.withViolations(invalid.violations);
        } else if (problem instanceof StaleVersion) {
            shown.withProblem("conflict");
        } else if (problem instanceof NotActivatable notActivatable) {
            notActivatable.reasons.forEach(shown::withProblem);
        } else {
            shown.withProblem(problem.getMessage());
        }
        return html(problem.status(),
                page(Templates.form(chrome("interactions", null), shown, null, null, List.of(), null)));
    }

    private InteractionForm formOf(Interaction interaction) {
        InteractionView view = InteractionView.of(interaction, interactions.callbackUrl(interaction),
                interactions.openSecrets(interaction));
        return InteractionForm.of(interaction, view);
    }

    private Chrome chrome(String section, String notice) {
        return new Chrome(identity.getPrincipal().getName(), identity.hasRole(Roles.ADMIN), csrf.tokenFor(identity),
                language().toLanguageTag(), section,
                notice == null ? null : notice.replaceAll("[^a-z-]", ""));
    }

    /** The page in the chosen language. */
    private TemplateInstance page(TemplateInstance instance) {
        return instance.setLocale(language());
    }

    /** This request's language: {@link #language(String, String)} of its cookie and Accept-Language. */
    private Locale language() {
        Cookie cookie = headers.getCookies().get(LANGUAGE_COOKIE);
        return language(cookie == null ? null : cookie.getValue(), headers.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
    }

    /** The cookie's language, else the browser's first of Portuguese and English, else pt-BR (the product's). */
    static Locale language(String cookie, String acceptLanguage) {
        Locale portuguese = Locale.forLanguageTag("pt-BR");
        if (cookie != null) {
            return cookie.equals("en") ? Locale.ENGLISH : portuguese;
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    if (range.getRange().startsWith("en")) {
                        return Locale.ENGLISH;
                    }
                    if (range.getRange().startsWith("pt")) {
                        return portuguese;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a header we cannot read: the product's language
            }
        }
        return portuguese;
    }

    private Response notFound() {
        return html(404, page(Templates.problem(chrome("interactions", null), 404, null)));
    }

    private static Response html(int status, TemplateInstance page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page.render())
                .build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static Row row(Interaction interaction) {
        String account = interaction.channel == Channel.WHATSAPP_TWILIO
                ? interaction.whatsappNumber
                : interaction.twitterUserId;
        return new Row(interaction.id, interaction.name, interaction.channel.name(), account, interaction.active,
                interaction.updatedAt == null ? "" : interaction.updatedAt.toString().substring(0, 19).replace('T', ' '));
    }

    private static Channel parseChannel(String channel) {
        try {
            return channel == null || channel.isBlank() ? null : Channel.valueOf(channel);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long parseVersion(String version) {
        try {
            return Long.parseLong(version == null ? "" : version.strip());
        } catch (NumberFormatException e) {
            throw InvalidFields.of("version", "is required to update");
        }
    }

    private static String violations(ProblemException problem) {
        return problem.errors().isEmpty()
                ? ""
                : " (" + String.join("; ", problem.errors().stream().map(v -> v.field() + " " + v.message()).toList())
                        + ")";
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null && !value.isBlank()) {
            query.append('&').append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The logged-in person's access token, for the services the console calls on their behalf. */
    private String accessToken() {
        AccessTokenCredential credential = identity.getCredential(AccessTokenCredential.class);
        return credential == null ? "" : credential.getToken();
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}

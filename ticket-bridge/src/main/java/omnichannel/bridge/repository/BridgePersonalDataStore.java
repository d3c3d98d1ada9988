package omnichannel.bridge.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.platform.phones.PhoneNumbers;
import omnichannel.platform.privacy.PersonData;
import omnichannel.platform.privacy.PersonIdentities;
import omnichannel.platform.privacy.PersonRequest;
import omnichannel.platform.privacy.PersonalDataStore;

/**
 * What the bridge holds about people (LGPD): a person's conversations (name, number, the Helper transcript), the
 * messages handled for them and the texts sent to them, the links to their attendants' files, their channel identities
 * and the audit of those links. Exported whole, erased in one transaction (the 4biz ticket is 4biz's record and
 * stays; the audit of links is pseudonymised, not deleted), and purged a retention period after the ticket closed.
 * Only the person's own: the file links of their conversations, not of another conversation on the same ticket.
 */
@ApplicationScoped
public class BridgePersonalDataStore implements PersonalDataStore {

    /** The person part of a conversation key ({@code <interaction>:<person>}; interaction ids have no colon). */
    private static final String PERSON_OF_KEY = "substring(conversation_key from position(':' in conversation_key) + 1)";
    /** A person's conversations: $1 their WhatsApp ids, $2 their X ids. */
    private static final String CONVERSATIONS = "(channel = 'WHATSAPP_TWILIO' and person_id = any($1)) "
            + "or (channel = 'TWITTER_DM' and person_id = any($2))";
    private static final String MESSAGES = PERSON_OF_KEY + " = any($1) or " + PERSON_OF_KEY + " = any($2)";
    /** Links minted for the person's own conversations (the key is in the link's row; rows older than it, by ticket). */
    private static final String LINKS = "(conversation_key is not null and (" + PERSON_OF_KEY.replace("conversation_key",
            "media_link.conversation_key") + " = any($1) or "
            + PERSON_OF_KEY.replace("conversation_key",
                    "media_link.conversation_key")
            + " = any($2))) or (conversation_key is null and ticket_number in "
            + "(select ticket_number from conversation where " + CONVERSATIONS + "))";
    private static final String IDENTITIES = "(channel = 'WHATSAPP_TWILIO' and identity = any($1)) "
            + "or (channel = 'TWITTER_DM' and identity = any($2)) or requester_login = any($3)";
    private static final String IDENTITY_CHANGES = IDENTITIES + " or previous_login = any($3)";

    /** Each table's rows of the person, in the order they are erased (dependants first). */
    private static final Map<String, String> TABLES = tables();

    /** The tables whose rows are found by requester login too ($3). */
    private static final List<String> BY_REQUESTER = List.of("channel_identity", "channel_identity_audit");

    private static Map<String, String> tables() {
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("media_link", LINKS);
        tables.put("handled_message", MESSAGES);
        tables.put("sent_message", MESSAGES);
        tables.put("conversation", CONVERSATIONS);
        tables.put("channel_identity", IDENTITIES);
        tables.put("channel_identity_audit", IDENTITY_CHANGES);
        return tables;
    }

    private final Pool pool;

    public BridgePersonalDataStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * The person's identities: the number (in E.164 when it is one) or X id given; for a requester, the identities
     * linked to it and the one a requester made by the bridge is named after ({@code whatsapp_<digits>},
     * {@code twitter_<id>}); and the requester itself.
     */
    public Uni<PersonIdentities> resolve(PersonRequest request) {
        Set<String> whatsapp = new LinkedHashSet<>();
        Set<String> twitter = new LinkedHashSet<>();
        Set<String> requesters = new LinkedHashSet<>();
        if (request.phone() != null && !request.phone().isBlank()) {
            String phone = PhoneNumbers.e164(request.phone().strip());
            whatsapp.add(phone != null ? phone : request.phone().strip());
        }
        if (request.xUserId() != null && !request.xUserId().isBlank()) {
            twitter.add(request.xUserId().strip());
        }
        String login = request.requester() == null || request.requester().isBlank() ? null : request.requester().strip();
        if (login == null) {
            return Uni.createFrom().item(new PersonIdentities(List.copyOf(whatsapp), List.copyOf(twitter), List.of()));
        }
        requesters.add(login);
        if (login.startsWith("whatsapp_") && login.substring(9).matches("\\d{6,15}")) {
            whatsapp.add("+" + login.substring(9));
        } else if (login.startsWith("twitter_") && login.substring(8).matches("\\d{1,20}")) {
            twitter.add(login.substring(8));
        }
        return pool.preparedQuery("select channel, identity from channel_identity where requester_login = $1")
                .execute(Tuple.of(login))
                .map(rows -> {
                    rows.forEach(row -> ("TWITTER_DM".equals(row.getString("channel")) ? twitter : whatsapp)
                            .add(row.getString("identity")));
                    return new PersonIdentities(List.copyOf(whatsapp), List.copyOf(twitter), List.copyOf(requesters));
                });
    }

    /** Every row of the bridge's tables that names the person. */
    @Override
    public Uni<PersonData> export(PersonIdentities person) {
        Map<String, List<Map<String, Object>>> found = new LinkedHashMap<>();
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Map.Entry<String, String> table : TABLES.entrySet()) {
            all = all.chain(() -> pool.preparedQuery("select * from " + table.getKey() + " where " + table.getValue())
                    .execute(args(table.getKey(), person))
                    .invoke(rows -> found.put(table.getKey(), PersonData.rows(rows.getDelegate())))
                    .replaceWithVoid());
        }
        return all.map(ignored -> new PersonData("ticket-bridge", found, Map.of()));
    }

    /** Deletes every row that names the person, in one transaction; the counts by table name no one. */
    @Override
    public Uni<PersonData> erase(PersonIdentities person) {
        return pool.withTransaction(connection -> {
            Map<String, Integer> erased = new LinkedHashMap<>();
            Uni<Void> all = Uni.createFrom().voidItem();
            // the admins' audit of links keeps its rows (who changed what, when), the person replaced by one
            // pseudonym per erasure: the trail stays whole, nothing in it names them
            String pseudonym = "erased-" + UUID.randomUUID().toString().substring(0, 8);
            for (Map.Entry<String, String> table : TABLES.entrySet()) {
                String sql = table.getKey().equals("channel_identity_audit")
                        ? "update channel_identity_audit set identity = $4, requester_login = case when requester_login "
                                + "= any($3) then $4 else requester_login end, previous_login = case when previous_login "
                                + "= any($3) then $4 else previous_login end where " + table.getValue()
                        : "delete from " + table.getKey() + " where " + table.getValue();
                Tuple args = table.getKey().equals("channel_identity_audit")
                        ? args(table.getKey(), person).addValue(pseudonym)
                        : args(table.getKey(), person);
                all = all.chain(() -> connection.preparedQuery(sql).execute(args).invoke(rows -> erased.put(
                        table.getKey(), rows.rowCount())).replaceWithVoid());
            }
            return all.map(ignored -> new PersonData("ticket-bridge", Map.of(), erased));
        });
    }

    /**
     * Deletes what is past the retention period: conversations without an open ticket untouched for that long, with
     * their handled and sent messages, messages of conversations gone, and identity changes that old. Links to
     * colaboradores stay (they are settings, not messages). Returns the rows deleted by table.
     */
    @Override
    public Uni<Map<String, Integer>> purge(Duration period) {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(Instant.now().minus(period), ZoneOffset.UTC);
        Map<String, Integer> deleted = new LinkedHashMap<>();
        return pool.withTransaction(connection -> delete(connection, deleted, "conversation",
                "phase <> 'TICKET' and updated_at < $1", cutoff)
                .chain(() -> delete(connection, deleted, "handled_message", "handled_at < $1 and not exists "
                        + "(select 1 from conversation c where c.conversation_key = handled_message.conversation_key)",
                        cutoff))
                .chain(() -> delete(connection, deleted, "sent_message", "created_at < $1 and not exists "
                        + "(select 1 from conversation c where c.conversation_key = sent_message.conversation_key)",
                        cutoff))
                .chain(() -> delete(connection, deleted, "channel_identity_audit", "at < $1", cutoff))
                .chain(() -> delete(connection, deleted, "attached_file", "attached_at < $1", cutoff))
                .chain(() -> delete(connection, deleted, "contact_audit", "at < $1", cutoff)))
                .invoke(() -> {
                    if (deleted.values().stream().anyMatch(n -> n > 0)) {
                        Log.infof("retention: deleted %s", deleted);
                    }
                })
                .replaceWith(deleted);
    }

    private static Uni<Void> delete(SqlConnection connection, Map<String, Integer> deleted, String table, String where,
            OffsetDateTime cutoff) {
        return connection.preparedQuery("delete from " + table + " where " + where).execute(Tuple.of(cutoff))
                .invoke(rows -> deleted.put(table, rows.rowCount())).replaceWithVoid();
    }

    private static Tuple args(String table, PersonIdentities person) {
        Tuple args = Tuple.of(person.whatsapp().toArray(String[]::new), person.twitter().toArray(String[]::new));
        return BY_REQUESTER.contains(table) ? args.addArrayOfString(person.requesters().toArray(String[]::new)) : args;
    }
}

package omnichannel.whatsapp.repository;

import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import omnichannel.whatsapp.MessageStatus;

/** The message_status table: every status Twilio reported, in arrival order. */
@ApplicationScoped
public class MessageStatusStore {

    public Uni<Void> add(SqlClient connection, MessageStatus status) {
        return connection.preparedQuery("insert into message_status (provider_message_id, status, error_code, "
                + "received_at) values ($1, $2, $3, $4)")
                .execute(Tuple.of(status.providerMessageId(), status.status(), status.errorCode(),
                        status.receivedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}

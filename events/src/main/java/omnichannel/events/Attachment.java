package omnichannel.events;

/** A media item of a message: where the provider serves it and its content type (may be null). */
public record Attachment(String url, String contentType) {

    public Attachment {
        Required.text(url, "attachments.url");
    }
}

package omnichannel.events;

/** A shared location. Address and label are optional. */
public record Location(double latitude, double longitude, String address, String label) {
}

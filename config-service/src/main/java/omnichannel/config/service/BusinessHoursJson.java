package omnichannel.config.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import omnichannel.platform.interactions.BusinessHours;

/** Business hours as stored (a JSON column: one setting read whole, never queried) and back. */
public final class BusinessHoursJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private BusinessHoursJson() {
    }

    public static String write(BusinessHours hours) {
        try {
            return hours == null ? null : JSON.writeValueAsString(hours);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BusinessHours read(String json) {
        try {
            return json == null ? null : JSON.readValue(json, BusinessHours.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored business hours are not readable", e);
        }
    }
}

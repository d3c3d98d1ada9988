package omnichannel.config.service;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import omnichannel.platform.interactions.BusinessHours;
import omnichannel.platform.interactions.MediaPolicy;
import omnichannel.platform.interactions.PurposeTemplate;
import omnichannel.platform.interactions.RequesterPolicy;

/**
 * An interaction's structured settings (business hours, templates per purpose, media policy) as stored, JSON columns read whole and
 * never queried, and back.
 */
public final class SettingsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsJson() {
    }

    public static String write(Object setting) {
        try {
            return setting == null ? null : JSON.writeValueAsString(setting);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static BusinessHours businessHours(String json) {
        return read(json, new TypeReference<>() {
        });
    }

    public static RequesterPolicy requesterPolicy(String json) {
        return read(json, new TypeReference<>() {
        });
    }

    public static MediaPolicy mediaPolicy(String json) {
        return read(json, new TypeReference<>() {
        });
    }

    public static Map<String, PurposeTemplate> templates(String json) {
        return read(json, new TypeReference<>() {
        });
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return json == null ? null : JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored setting is not readable", e);
        }
    }
}

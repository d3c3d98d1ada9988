package omnichannel.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import omnichannel.simulators.identity.IdentityProvider;
import omnichannel.simulators.identity.Tokens;

/**
 * The roles the local identity provider grants are the ones the services check: the two sides of one contract, spelled
 * on each side (the identity provider stands in for Keycloak and knows nothing of platform).
 */
class RoleNamesTest {

    private static Map<String, Object> constants(Class<?> type) {
        Map<String, Object> values = new TreeMap<>();
        for (Field field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && Arrays.stream(Roles.class.getFields()).anyMatch(role -> role.getName().equals(field.getName()))) {
                try {
                    values.put(field.getName(), field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    @Test
    void theIdentityProvidersRolesAreThePlatformsRoles() {
        assertThat(constants(Tokens.class)).isEqualTo(constants(Roles.class)).hasSize(Roles.class.getFields().length);
        assertThat(IdentityProvider.SERVICE_CLIENTS.values()).allMatch(constants(Roles.class)::containsValue);
    }
}

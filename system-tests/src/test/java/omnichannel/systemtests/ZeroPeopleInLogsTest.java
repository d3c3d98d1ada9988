package omnichannel.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * No log line names a person (LGPD: erasure cannot reach logs). Runs after the system tests (its own failsafe
 * execution): every service's log of every system they ran holds none of their people's numbers (in any notation the
 * services write them: E.164, digits, a requester login) nor their names.
 */
class ZeroPeopleInLogsTest {

    /** The people the system tests use: Brazilian mobile numbers of the 11 area, requester logins, X requesters. */
    private static final Pattern PEOPLE = Pattern.compile(
            "\\+?55\\s?\\(?11\\)?\\s?9?\\d{4}-?\\d{4}|whatsapp_55\\d+|twitter_\\d+|Joana Lima|Rui Alves|Helena Apagada|Ana Prado|Caio Reis");

    @Test
    void noServiceLoggedAPersonsNumberOrName() throws Exception {
        List<String> found = new ArrayList<>();
        int lines = 0;
        // the services' logs; the simulators stand for Twilio, X and 4biz, which do see people
        for (Path file : AfterTheSystemTests.files("service logs", path -> path.getNameCount() == 1
                && path.toString().endsWith(".log") && !path.toString().startsWith("simulators"))) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lines++;
                Matcher person = PEOPLE.matcher(line);
                if (person.find() && found.size() < 20) {
                    found.add(file + ": " + line);
                }
            }
        }
        assertThat(lines).as("log lines read").isGreaterThan(100);
        assertThat(found).as("log lines naming a person").isEmpty();
    }
}

package omnichannel.gateway.rest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses an {@code application/x-www-form-urlencoded} body strictly: every parameter kept (repeated names too), bad
 * percent-escapes and invalid UTF-8 rejected rather than silently replaced, so that what we sign-check is what we
 * publish.
 */
final class FormBody {

    private FormBody() {
    }

    static Map<String, List<String>> parse(byte[] body) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (body.length == 0) {
            return params;
        }
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    addPair(params, body, start, i);
                }
                start = i + 1;
            }
        }
        return params;
    }

    private static void addPair(Map<String, List<String>> params, byte[] body, int from, int to) {
        int equals = -1;
        for (int i = from; i < to; i++) {
            if (body[i] == '=') {
                equals = i;
                break;
            }
        }
        String name = decode(body, from, equals < 0 ? to : equals);
        String value = equals < 0 ? "" : decode(body, equals + 1, to);
        if (name.isEmpty()) {
            throw new BadRequest("form parameter without a name");
        }
        params.computeIfAbsent(name, n -> new ArrayList<>(1)).add(value);
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                bytes.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new BadRequest("truncated percent-escape in form body");
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw new BadRequest("invalid percent-escape in form body");
                }
                bytes.write((high << 4) | low);
                i += 2;
            } else {
                bytes.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BadRequest("form body is not valid UTF-8");
        }
    }
}

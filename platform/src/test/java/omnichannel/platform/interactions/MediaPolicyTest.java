package omnichannel.platform.interactions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MediaPolicyTest {

    private final MediaPolicy policy = new MediaPolicy(1024L, List.of("image/*", " Application/PDF ", "audio/ogg"));

    @Test
    void aFamilyAllowsEveryTypeInItAndParametersOrCaseDoNotMatter() {
        assertThat(policy.allows("image/jpeg")).isTrue();
        assertThat(policy.allows("IMAGE/WEBP")).isTrue();
        assertThat(policy.allows("application/pdf")).isTrue();
        assertThat(policy.allows("audio/ogg; codecs=opus")).isTrue();
        assertThat(policy.allows("audio/mpeg")).isFalse();
        assertThat(policy.allows("application/zip")).isFalse();
        assertThat(policy.allows("image/*")).as("a family is not a file's type").isFalse();
        assertThat(policy.allows(null)).isFalse();
        assertThat(policy.allows("")).isFalse();
        assertThat(policy.allows("image")).isFalse();
        assertThat(policy.problems()).isEmpty();
    }

    @Test
    void aPolicyOutsideTheLimitsNamesEveryBrokenRule() {
        assertThat(new MediaPolicy(null, null).problems()).extracting(FieldProblem::field)
                .containsExactly("maxBytes", "contentTypes");
        assertThat(new MediaPolicy(MediaPolicy.MAX_BYTES + 1, List.of("image/*")).problems())
                .extracting(FieldProblem::field).containsExactly("maxBytes");
        assertThat(new MediaPolicy(0L, List.of("image/*")).problems()).extracting(FieldProblem::field)
                .containsExactly("maxBytes");
        assertThat(new MediaPolicy(10L, List.of("image/*", "not a type")).problems())
                .extracting(FieldProblem::message)
                .containsExactly("'not a type' is not a media type such as image/jpeg or image/*");
        assertThat(new MediaPolicy(10L, java.util.Arrays.asList("image/*", null)).problems())
                .extracting(FieldProblem::field).containsExactly("contentTypes");
        assertThat(new MediaPolicy(10L, java.util.Collections.nCopies(MediaPolicy.MAX_TYPES + 1, "image/png")).problems())
                .extracting(FieldProblem::field).containsExactly("contentTypes");
    }
}

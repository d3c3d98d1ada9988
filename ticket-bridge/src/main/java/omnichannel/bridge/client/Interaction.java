package omnichannel.bridge.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import omnichannel.events.Channel;

/** What the bridge needs of an interaction: where its requesters and tickets go in 4biz. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Interaction(String id, Channel channel, String name, long defaultUnitId, long defaultGroupId,
        long defaultActivityId, long contactOriginId, boolean helperInterception, boolean active) {
}

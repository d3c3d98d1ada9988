package omnichannel.bridge.service;

/** The 4biz system parameters the bridge reads (fourbiz-api.md), by id. */
final class Parameters {

    static final int DEFAULT_CONTRACT = 118;
    static final int HELPER_CONVERSATION_URL = 441;
    static final int HELPER_FALLBACK_MESSAGE = 453;

    private Parameters() {
    }
}

/**
 * channel-twitter: will send X direct messages (OAuth 1.0a), register webhooks and poll DMs. So far it only boots and
 * reports its health, so that the whole system runs with every module in place.
 */
package omnichannel.twitter;

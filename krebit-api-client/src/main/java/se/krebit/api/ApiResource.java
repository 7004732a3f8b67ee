package se.krebit.api;

/**
 * A response type whose method cannot do without a body: a 204 or an empty 2xx body for it is an
 * unexpected response, not Feign's {@code null}.
 */
interface ApiResource {}

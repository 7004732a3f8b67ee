package se.krebit.webhooks;

/**
 * What {@link WebhookVerifier#verify} found: a {@link VerifiedDelivery}, or a {@link
 * WebhookRejection} saying why the delivery must not be trusted.
 *
 * <pre>{@code
 * WebhookVerification result = verifier.verify(body, headers);
 * if (result instanceof VerifiedDelivery delivery) {
 *   process(delivery.event());
 * } else if (result instanceof WebhookRejection rejection) {
 *   respond(rejection.httpStatus(), rejection.reason());
 * }
 * }</pre>
 */
public sealed interface WebhookVerification permits VerifiedDelivery, WebhookRejection {}

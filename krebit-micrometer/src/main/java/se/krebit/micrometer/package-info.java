/**
 * Micrometer meters and observations (traces) for Krebit Auth. Only applications that add this
 * module pay for Micrometer: core hears events through its small {@link
 * se.krebit.auth.TokenListener} port, and the API client through {@code ApiCallListener}.
 */
@NullMarked
package se.krebit.micrometer;

import org.jspecify.annotations.NullMarked;

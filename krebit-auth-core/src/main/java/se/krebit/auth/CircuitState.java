package se.krebit.auth;

/** Whether calls through a circuit breaker reach the server it guards. */
public enum CircuitState {
  /** Calls go through. */
  CLOSED,
  /** After repeated transient failures, calls fail at once without reaching the server. */
  OPEN,
  /** One trial call goes through; its outcome closes or opens the circuit. */
  HALF_OPEN
}

package se.krebit.micrometer;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import com.google.inject.Binder;
import com.google.inject.BindingAnnotation;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.multibindings.OptionalBinder;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Set;
import se.krebit.auth.TokenListener;

/**
 * The {@link TokenListener} binding this module's Guice modules share: each contributes its
 * listener, and the one bound is {@link TokenListener#all} of them, so that meters and traces can
 * both be installed. Both modules set the same binding, which Guice accepts as one.
 */
final class TokenListenerBinding {
  private TokenListenerBinding() {}

  /** Marks the listeners the bound one is made of. */
  @BindingAnnotation
  @Retention(RUNTIME)
  @Target({PARAMETER, METHOD})
  @interface Contributed {}

  static void contribute(Binder binder, Class<? extends TokenListener> listener) {
    Multibinder.newSetBinder(binder, TokenListener.class, Contributed.class)
        .addBinding()
        .to(listener);
    OptionalBinder.newOptionalBinder(binder, TokenListener.class)
        .setBinding()
        .toProvider(All.class)
        .in(Singleton.class);
  }

  /** Every contributed listener as one. */
  static final class All implements Provider<TokenListener> {
    private final Set<TokenListener> listeners;

    @Inject
    All(@Contributed Set<TokenListener> listeners) {
      this.listeners = listeners;
    }

    @Override
    public TokenListener get() {
      return TokenListener.all(listeners.toArray(TokenListener[]::new));
    }
  }
}

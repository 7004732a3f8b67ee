package se.krebit.webhooks.readme;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The README's stand-in for an application's own records of its signings. */
final class Signings {
  private final Set<String> sent = ConcurrentHashMap.newKeySet();
  private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
  private final Set<String> completedDocuments = ConcurrentHashMap.newKeySet();
  private final Set<String> unknown = ConcurrentHashMap.newKeySet();

  void markSent(String signingId) {
    sent.add(signingId);
  }

  void markCancelled(String signingId) {
    cancelled.add(signingId);
  }

  void archiveSignedCopy(String signingId, String documentId) {
    completedDocuments.add(signingId + "/" + documentId);
  }

  void keepForLater(String type, String json) {
    unknown.add(type + " " + json.length());
  }

  boolean isSent(String signingId) {
    return sent.contains(signingId);
  }

  boolean isCancelled(String signingId) {
    return cancelled.contains(signingId);
  }

  boolean hasSignedCopy(String signingId, String documentId) {
    return completedDocuments.contains(signingId + "/" + documentId);
  }

  int unknownEvents() {
    return unknown.size();
  }
}

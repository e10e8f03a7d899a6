/**
 * The catalogue of machine-readable problem codes. Every problem+json the API sends carries one
 * `code` (and every per-field error its own), with `params` the client needs to say it in its
 * own language: the web app turns `question.extension_past_limit` + `{ latest: "2027-02-01" }`
 * into a kk/ru/en sentence. Codes are stable: add new ones, never rename or reuse one.
 * Clients switch on these, never on the English `title`/`detail`/`message`.
 */

/** Each code with the names of the params it carries (empty when none). */
export const PROBLEM_CODES = {
  // ── the edge: what any request can get wrong before a handler runs ──
  'request.malformed_json': [],
  'request.unsupported_media_type': ['expected'],
  'request.too_large': ['maxBytes'],
  'request.invalid': [],
  'request.ill_formed_unicode': [],
  'route.not_found': [],
  /** Cloud only: the request did not come through CloudFront (functions/api/origin-secret.ts). */
  'request.not_via_site': [],
  // ── per-field errors (from schema validation) ──
  'field.required': [],
  'field.invalid_type': ['expected'],
  'field.too_small': ['minimum'],
  'field.too_big': ['maximum'],
  'field.invalid_format': ['format'],
  'field.invalid_value': [],
  'field.unknown_keys': ['keys'],
  'field.ill_formed_unicode': [],
  'field.invalid': [],
  'date.invalid': ['value'],
  'date.out_of_range': ['earliest', 'latest'],
  'cursor.invalid': [],
  // ── who may call ──
  'auth.required': [],
  'auth.forbidden': [],
  'auth.token_invalid': [],
  /** Staff (official, moderator, secretary, admin) sign in with a TOTP code too (functions/auth/mfa.ts). */
  'auth.mfa_required': [],
  'auth.mfa_code_invalid': [],
  /** The refresh-token cookie is unknown, expired, revoked or used up (functions/auth/refresh.ts). */
  'auth.refresh_refused': [],
  // ── resources and state ──
  'resource.not_found': [],
  'state.conflict': [],
  'state.stale': [],
  /** Export jobs (issue 22): unknown or expired job; large exports not set up on this hub. */
  'export.not_found': [],
  'export.files_unavailable': [],
  /** Blurring a photo needs image processing this deployment's API does not have (functions/blobs/blur-image.ts). */
  'photo.blur_unavailable': [],
  // ── throttles and infrastructure ──
  'rate.limited': ['policy', 'limit', 'windowSeconds', 'retryAfterSeconds'],
  'storage.unavailable': ['retryAfterSeconds'],
  'upstream.unavailable': [],
  'internal.error': [],
  // ── domain rules ──
  'question.extension_past_limit': ['latest'],
  'question.extension_after_due': ['due'],
  'question.extension_not_later': ['current'],
  'question.extension_used': [],
  'question.redirect_same_body': [],
  'question.redirect_too_late': ['deadline'],
  'question.dispute_too_late': ['deadline'],
  'question.transition_not_allowed': ['status', 'action'],
  'question.stale': [],
  'question.no_answer': ['status'],
  'session.wrong_status': ['status'],
  'session.entry_exists': [],
  'session.agenda_empty': [],
  'follow.limit_reached': ['max'],
  'admin.self_revoke': [],
  'admin.last_admin': [],
  'body.exists': ['id'],
  'body.cycle': [],
  /** One BIN, one body (procurement contracts find their customer by BIN): who holds it already. */
  'body.bin_taken': ['bin', 'bodyId'],
  'reference.not_found': [],
  'comment.deleted': [],
  'session.stale': [],
  'session.conflict': [],
  'session.not_started': ['startsAt'],
  'session.transition_not_allowed': ['from', 'action'],
  'agenda.overrun': ['overrunMinutes', 'neededMinutes', 'windowMinutes', 'endsAt', 'windowEnd'],
  /** A recording's start is not a time within the session (issue 21, deliver 4). */
  'session.recording_outside': ['start', 'windowStart', 'windowEnd'],
  'idempotency.key_missing': [],
  'idempotency.key_invalid': [],
  'idempotency.key_reused': [],
  'idempotency.in_progress': [],
  'comment.stale': [],
  'comment.already_flagged': [],
  'content.already_flagged': [],
  'moderation.self_block': [],
  'user.blocked': ['until'],
  'attachment.unusable': ['index'],
  // a detached signature file beside its document (functions/blobs/uploads.ts, attachFiles)
  'attachment.signature_unlinked': ['index'],
  'attachment.signature_target': ['index'],
  // what an upload's content is (functions/blobs/publish.ts; issue 19, item 5): decided by its bytes
  'upload.type_unsupported': [],
  'upload.type_mismatch': ['declared', 'actual'],
  'upload.image_unreadable': [],
  'upload.pdf_unreadable': [],
  'upload.signature_invalid': [],
  // site visits and progress updates (issue 19)
  'visit.point_not_in_checklist': ['point'],
  'visit.milestone_not_met': ['milestoneId'],
  'visit.update_unknown': ['updateId'],
  'progress.future_date': ['today'],
  'progress.milestone_unknown': ['milestoneId'],
  'progress.milestone_already_met': ['milestoneId', 'met'],
  'progress.spent_not_increased': ['spent'],
  'progress.status_unchanged': ['status'],
  'progress.end_before_start': ['start'],
  'progress.end_unchanged': ['end'],
  /** An import is replacing items right now (it holds the items lease): send again after Retry-After. */
  'item.import_running': [],
  'escalation.not_overdue': [],
  'escalation.no_proof': [],
  'escalation.date_order': [],
  'follow_up.not_done': ['status'],
  'impact.already_confirmed': [],
  'invitation.none_to_invite': [],
  // BIN/IIN checks (shared/bin.ts), for fields that carry one
  'bin.format': [],
  'bin.control_digit': [],
  'bin.kind': [],
  // an official's explanation of a risk flag (issue 18): only of a flag the item carries now
  'flag_explanation.flag_not_on_item': ['flag'],
  // two officials editing or withdrawing the same explanation at once: the second reloads
  'flag_explanation.changed': [],
  // Telegram linking on a hub without a bot configured
  'telegram.not_configured': [],
  // The officials' desk (issue 20): assignment to someone who is not the body's official, a
  // template that is gone, two officials saving the same thing at once
  'inbox.not_an_official': [],
  'inbox.template_not_found': [],
  'inbox.stale': [],
  // A body's shared mailbox (issue 20, item 3): its verification link is wrong, used or expired
  'body_contact.link_invalid': [],
  // Consents (issue 20, item 5): a contact channel or a visit's positions need consent to the
  // current text first; a consent given to an outdated text is refused
  'consent.required': ['purpose'],
  'consent.version_outdated': ['current'],
  // An account that has not accepted the current account text at sign-up changes nothing yet
  'account.sign_up_required': [],
  // Erasure: the hub's records are gone but the cloud sign-in account could not be deleted yet (retry)
  'account.erasure_incomplete': [],
} as const satisfies Record<string, readonly string[]>;

export type ProblemCode = keyof typeof PROBLEM_CODES;
/** Params are strings or numbers so they survive any transport and any language's formatter. */
export type ProblemParams = Record<string, string | number>;

export function isProblemCode(code: string): code is ProblemCode {
  return Object.hasOwn(PROBLEM_CODES, code);
}

-- Issue 19: the business events of the catalog (listing states), governance (violations, appeals),
-- live sessions and coupons, written into the outbox by triggers on their tables (see 0109).

-- product.listed (a product reaches `listed`: approved in review, or created listed), product.rejected
-- (review refused it), product.blocked (ops blocked it for good).
create function xinren_product_events() returns trigger language plpgsql as $$
begin
  perform xinren_emit_event('product.' || new.state, 1, new.shop_id, 'product:' || new.id, jsonb_build_object(
    'productId', new.id, 'categoryId', new.category_id, 'title', new.title,
    'previousState', case when tg_op = 'INSERT' then null else old.state end,
    'reason', new.state_reason, 'at', xinren_iso(new.updated_at)), new.updated_at);
  return null;
end
$$;

create trigger products_events_insert after insert on products
  for each row when (new.state in ('listed', 'rejected', 'blocked')) execute function xinren_product_events();
create trigger products_events_state after update of state on products
  for each row when (old.state is distinct from new.state and new.state in ('listed', 'rejected', 'blocked'))
  execute function xinren_product_events();

-- violation.created (recorded against a shop or a host), violation.reversed (an upheld appeal or ops
-- undid it). A host's violation without a shop is a platform event.
create function xinren_violation_events() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    perform xinren_emit_event('violation.created', 1, new.shop_id, 'violation:' || new.id, jsonb_build_object(
      'violationId', new.id, 'code', new.code, 'severity', new.severity, 'points', new.points,
      'subjectType', new.subject_type, 'subjectId', new.subject_id, 'hostUserId', new.host_user_id,
      'source', new.source, 'state', new.state, 'fixBy', xinren_iso(new.fix_by),
      'createdAt', xinren_iso(new.created_at)), new.created_at);
  else
    perform xinren_emit_event('violation.reversed', 1, new.shop_id, 'violation:' || new.id, jsonb_build_object(
      'violationId', new.id, 'code', new.code, 'previousState', old.state, 'points', new.points,
      'reversedAt', xinren_iso(new.updated_at)), new.updated_at);
  end if;
  return null;
end
$$;

create trigger governance_violations_events_insert after insert on governance_violations
  for each row execute function xinren_violation_events();
create trigger governance_violations_events_state after update of state on governance_violations
  for each row when (old.state is distinct from new.state and new.state = 'reversed')
  execute function xinren_violation_events();

-- violation.appealed: the shop filed an appeal (on the violation's resource).
create function xinren_appeal_events() returns trigger language plpgsql as $$
begin
  perform xinren_emit_event('violation.appealed', 1, new.shop_id, 'violation:' || new.violation_id,
    jsonb_build_object('violationId', new.violation_id, 'appealId', new.id, 'attempt', new.attempt,
      'appealedAt', xinren_iso(new.created_at)), new.created_at);
  return null;
end
$$;

create trigger governance_appeals_events after insert on governance_appeals
  for each row execute function xinren_appeal_events();

-- live.started, live.ended (the host ended it), live.stopped (ops terminated it: an emergency stop or
-- a penalty). A creator's session without a shop is a platform event.
create function xinren_live_events() returns trigger language plpgsql as $$
begin
  if new.state = 'live' then
    perform xinren_emit_event('live.started', 1, new.shop_id, 'live:' || new.id, jsonb_build_object(
      'sessionId', new.id, 'hostUserId', new.host_user_id, 'title', new.title,
      'startedAt', xinren_iso(coalesce(new.started_at, now()))), coalesce(new.started_at, now()));
  else
    perform xinren_emit_event(case when new.state = 'ended' then 'live.ended' else 'live.stopped' end, 1,
      new.shop_id, 'live:' || new.id, jsonb_build_object(
        'sessionId', new.id, 'hostUserId', new.host_user_id, 'reason', new.end_reason,
        'startedAt', xinren_iso(new.started_at), 'endedAt', xinren_iso(coalesce(new.ended_at, now())),
        'peakViewers', new.peak_viewers, 'likes', new.likes),
      coalesce(new.ended_at, now()));
  end if;
  return null;
end
$$;

create trigger live_sessions_events_insert after insert on live_sessions
  for each row when (new.state = 'live') execute function xinren_live_events();
create trigger live_sessions_events_state after update of state on live_sessions
  for each row when (old.state is distinct from new.state and new.state in ('live', 'ended', 'terminated'))
  execute function xinren_live_events();

-- coupon.claimed: a buyer claimed a coupon of a campaign (resource coupon:<campaign id>); a platform
-- campaign's claims are platform events. The buyer is not named.
create function xinren_coupon_events() returns trigger language plpgsql as $$
declare
  campaign record;
begin
  select c.shop_id, c.live_session_id into campaign from coupon_campaigns c where c.id = new.campaign_id;
  perform xinren_emit_event('coupon.claimed', 1, campaign.shop_id, 'coupon:' || new.campaign_id,
    jsonb_build_object('couponId', new.campaign_id, 'buyerCouponId', new.id, 'claimNo', new.claim_no,
      'liveSessionId', campaign.live_session_id, 'claimedAt', xinren_iso(new.claimed_at),
      'expiresAt', xinren_iso(new.expires_at)), new.claimed_at);
  return null;
end
$$;

create trigger buyer_coupons_events after insert on buyer_coupons
  for each row execute function xinren_coupon_events();

-- Every event is one insert into the outbox on its cause's path (checkout writes three per order:
-- order.created, payment.captured, order.paid), and each index of the outbox is paid by every insert.
-- Nothing reads the outbox by shop or by type (the dispatcher reads undispatched rows by id, deliveries
-- and pruning by id): those two indexes go (20,000 bare inserts: about 3.2 s → 1.8 s on the loaded
-- test machine). Add one back with its first reader.
drop index outbox_events_shop;
drop index outbox_events_type;

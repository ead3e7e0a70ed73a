package dev.astraphe.queue.room;

import java.util.List;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The waiting room's atomic steps. Every key of a script carries the product's hash tag, so each runs
 * in one cluster slot. Times come from the caller (epoch millis) so that all instances agree on ticks.
 * Results are "STATUS:number[:number]" strings: one reply type for Lettuce's reactive API.
 */
final class QueueScripts {

    private QueueScripts() {
    }

    /**
     * Joins of one product, in arrival order, as one atomic step ({@link JoinBatches} gathers them). Each join is
     * decided exactly as if it ran alone after the ones before it; the batch only shares what no join changes (the
     * control state, the sale's flags, the pre-queue's draw) and writes the line, the heartbeats, the sequence counter
     * and the figures once at the end, each join seeing the earlier ones' writes through local tables meanwhile. A
     * re-entry into a busy line thus makes no Redis call of its own, only a share of the batch's twelve: every joiner's
     * place is read in one ZMSCORE (Redis 6.2+), its old entry in the line is moved by the batch's ZADD, and whether it
     * holds an admission is asked only while somebody does.
     *
     * <p>KEYS: 1 sale, 2 control, 3 stats, 4 seq, 5 line, 6 last seen, 7 admitted, 8 prequeue, 9 tick budget,
     * 10 recent. ARGV: 1 start, 2 admission start, 3 N, 4 pre-queue opens, 5 admitted hold ms, 6 later-arrivals
     * offset, 7 budget key ttl ms, then per join from 8: user, now, ticket sequence ('' = none, '*' = a join sent again
     * after its answer was lost: keeps whatever place the shopper holds).
     * Returns one "OUTCOME:number" per join, in order: a place's sequence (PLACE: a new one; KEPT: the one the shopper
     * holds, 0 for a place in the pre-queue, counted as no join), or when an already admitted shopper was admitted
     * (ADMITTED; the same admission is given again), or 0.
     */
    static final RedisScript<List> JOIN = RedisScript.of("""
            local start, admissionStart, n = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            local prequeueOpens, hold, offset = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
            local state = redis.call('HGET', KEYS[2], 'state') or 'RUNNING'
            local flags = redis.call('HMGET', KEYS[1], 'soldOut', 'allHeld', 'available', 'totalStock', 'saleStartsAt')
            local drawn = redis.call('HMGET', KEYS[3], 'shuffled', 'drawnFor', 'drawing')
            local shuffled = drawn[1] == '1'
            -- drawn, or being drawn, for an earlier start than the sale's: postponed after its draw began (a draw
            -- once begun goes on, for the start it began at: later arrivals have taken places behind it)
            local drawnFor = drawn[2]
            if not shuffled then drawnFor = drawn[3] end
            local postponedAfterDraw = drawnFor and tonumber(drawnFor) ~= start
            -- asked once per batch (and kept true only until a join enters it): most sales have no pre-queue
            local prequeueEmpty = redis.call('SCARD', KEYS[8]) == 0
            -- likewise whether anybody holds an admission (kept true once a join is admitted): nobody does at the
            -- opening of a sale, before admissions begin, when the joins come fastest
            local anyAdmitted = redis.call('EXISTS', KEYS[7]) == 1
            -- every joiner's place in the line as the batch found it (false: none), in one call: the line is
            -- written only at the end, so a join's own ZSCORE would read the same
            local users = {}
            for i = 8, #ARGV, 3 do users[#users + 1] = ARGV[i] end
            if #users == 0 then return {} end
            local lined = redis.call('ZMSCORE', KEYS[5], unpack(users))
            -- writes kept until the end: the place given in this batch by user (false: admitted at once after
            -- leaving the line, so their old entry goes; the line's ZADD moves every other re-entry) and the last
            -- heartbeat by user
            local places, beats = {}, {}
            local lineAdded, leavingCount, seq, lastSeq = 0, 0, nil, nil
            local joined, waiting, admittedNow = 0, 0, 0

            -- one join; nowText is now as sent (a heartbeat is stored as text), inLine the place the batch found
            local function joinOne(user, now, held, nowText, inLine)
              if state == 'STOPPED' then return 'ENDED:0' end
              if flags[1] == '1' then return 'SOLD_OUT:0' end
              local admittedAt = anyAdmitted and redis.call('HGET', KEYS[7], user)
              if admittedAt then
                -- an admission counts until its token expires (its hold from the whole second it was made in), and
                -- only for the sale that had begun when it was made: one from before a postponed start is void (the
                -- storefront refuses both too)
                local at = tonumber(admittedAt)
                if now < at - at % 1000 + hold and at >= start then return 'ADMITTED:' .. admittedAt end
                redis.call('HDEL', KEYS[7], user)
              end
              if now < start and postponedAfterDraw and not places[user] and not inLine
                  and (shuffled or prequeueEmpty or redis.call('SISMEMBER', KEYS[8], user) == 0) then
                -- a sale postponed after its draw: its line is kept, but the draw is over, so a newcomer waits for the
                -- new start, when the line takes arrivals again in order (a first-come place before it would pass
                -- everybody arriving in the new start's pre-queue window, which no longer exists). A member of a
                -- pre-queue still being drawn keeps their ticket to the draw (below)
                return 'TOO_EARLY:0'
              end
              if now < start and not shuffled and not postponedAfterDraw then
                if now < prequeueOpens then return 'TOO_EARLY:0' end
                prequeueEmpty = false
                beats[user] = nowText
                if redis.call('SADD', KEYS[8], user) == 1 then
                  joined = joined + 1
                  waiting = waiting + 1
                  return 'PREQUEUE:0'
                end
                return 'KEPT:0'
              end
              if not shuffled and not prequeueEmpty and redis.call('SISMEMBER', KEYS[8], user) == 1 then
                -- started but not drawn yet: a pre-queue member keeps their ticket to the draw
                beats[user] = nowText
                return 'KEPT:0'
              end
              -- an earlier join of this batch decides, else the line as the batch found it
              local given = places[user]
              local place = given
              if given == nil then place = inLine end
              local reentry = false
              if place then
                if held == place or held == '*'
                    or (held == '0' and not prequeueEmpty and redis.call('SISMEMBER', KEYS[8], user) == 1) then
                  beats[user] = nowText
                  return 'KEPT:' .. place
                end
                -- re-entry: to the back. Before the draw a pre-queue member returned above; the old place is
                -- overwritten below, and the waiting count stays as it is unless admitted at once. A place given
                -- in this batch is taken back; an entry of the line leaves it (counted once per user: by the first
                -- join of the batch that touches them)
                if given then
                  lineAdded = lineAdded - 1
                else
                  leavingCount = leavingCount + 1
                end
                -- after the draw only a drawn member can still be in the pre-queue; an empty one is not asked
                if shuffled and not prequeueEmpty then redis.call('SREM', KEYS[8], user) end
                reentry = true
              end
              -- admitted at once only by the sale Redis has: a start moved within the caller's cache refresh would
              -- make the admission void (made before the new start) and cost the shopper their turn
              if state == 'RUNNING' and now >= admissionStart and flags[2] ~= '1' and tonumber(flags[5]) == start
                  and (shuffled or prequeueEmpty) and lineAdded == 0 and redis.call('ZCARD', KEYS[5]) == leavingCount then
                local used = tonumber(redis.call('GET', KEYS[9]) or '0')
                if used < n then
                  redis.call('ZREMRANGEBYSCORE', KEYS[10], '-inf', now - hold)
                  local available = tonumber(flags[3] or flags[4] or '0')
                  if redis.call('ZCARD', KEYS[10]) < available then
                    redis.call('INCR', KEYS[9])
                    redis.call('PEXPIRE', KEYS[9], ARGV[7])
                    redis.call('HSET', KEYS[7], user, now)
                    anyAdmitted = true
                    redis.call('ZADD', KEYS[10], now, user)
                    beats[user] = nil
                    redis.call('HDEL', KEYS[6], user)
                    if reentry then
                      places[user] = false
                      waiting = waiting - 1
                    end
                    joined = joined + 1
                    admittedNow = admittedNow + 1
                    return 'ADMITTED_NOW:0'
                  end
                end
              end
              if seq == nil then
                seq = tonumber(redis.call('GET', KEYS[4]) or '0')
                lastSeq = seq
              end
              seq = seq + 1
              -- the line's first place: sequences of later arrivals start after the pre-queue's draw
              if seq == 1 then seq = offset + 1 end
              local placed = string.format('%d', seq)
              places[user] = placed
              lineAdded = lineAdded + 1
              beats[user] = nowText
              joined = joined + 1
              if not reentry then waiting = waiting + 1 end
              return 'PLACE:' .. placed
            end

            local replies = {}
            for k = 1, #users do
              local i = 5 + 3 * k
              replies[k] = joinOne(users[k], tonumber(ARGV[i + 1]), ARGV[i + 2], ARGV[i + 1], lined[k])
            end

            if seq ~= nil and seq ~= lastSeq then redis.call('SET', KEYS[4], string.format('%d', seq)) end
            -- false: out of the line (a no-op for one whose place was given in this batch and never written)
            local adds, gone = {}, {}
            for user, placed in pairs(places) do
              if placed then
                adds[#adds + 1] = placed
                adds[#adds + 1] = user
              else
                gone[#gone + 1] = user
              end
            end
            if #gone > 0 then redis.call('ZREM', KEYS[5], unpack(gone)) end
            if #adds > 0 then redis.call('ZADD', KEYS[5], unpack(adds)) end
            local args = {}
            for user, at in pairs(beats) do
              args[#args + 1] = user
              args[#args + 1] = at
            end
            if #args > 0 then redis.call('HSET', KEYS[6], unpack(args)) end
            if joined ~= 0 then redis.call('HINCRBY', KEYS[3], 'joined', joined) end
            if waiting ~= 0 then redis.call('HINCRBY', KEYS[3], 'waiting', waiting) end
            if admittedNow ~= 0 then redis.call('HINCRBY', KEYS[3], 'admitted', admittedNow) end
            return replies
            """, List.class);

    /**
     * One admission tick, or an admin's "admit the next N now". KEYS: 1 sale, 2 control, 3 stats, 4 line,
     * 5 last seen, 6 admitted, 7 tick budget, 8 recent, 9 prequeue. ARGV: 1 tick, 2 now, 3 grace ms, 4 N, 5 admitted hold ms,
     * 6 budget key ttl ms, 7 'tick' or 'now', 8 the schedule version the caller read.
     *
     * <p>A caller whose schedule is not the one in Redis admits nobody ("STALE", before anything is taken or counted):
     * an instance re-reads its live sales only every few seconds, and a tick on an old schedule could admit from the
     * line of a sale just postponed (admissions void, the shoppers sent to the back), ended, hidden or cancelled.
     *
     * <p>A tick runs once (the first instance to ask; "SKIP" for the others) and only while the queue runs. "now" takes
     * the admins' count from the control hash (NONE if there is none), once, whichever instance asks first, and admits
     * that many at once, also while the queue is paused (pausing stops the ticks, not the admins), outside the tick's
     * budget; never after a stop. What became of the count is left in the control hash for the admins
     * ({@code admitNowResult}: "asked:admitted:OK|UNITS|SCAN|LINE|SOLD_OUT|ALL_HELD|STOPPED:epoch millis").
     * Both admit the front of the line, dropping the silent, never more than the units still available.
     * Returns "OK:admitted:dropped", or the reason nobody was admitted.
     */
    static final RedisScript<String> ADMIT = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'scheduleVersion') ~= ARGV[8] then return 'STALE:0:0' end
            -- the pre-queue is being drawn: its places are not all in the line yet, and later arrivals would pass them
            if redis.call('HGET', KEYS[3], 'shuffled') ~= '1' and redis.call('EXISTS', KEYS[9]) == 1 then
              return 'DRAWING:0:0'
            end
            local tick, now = tonumber(ARGV[1]), tonumber(ARGV[2])
            local manual = ARGV[7] == 'now'
            local state = redis.call('HGET', KEYS[2], 'state') or 'RUNNING'
            local budget, asked
            -- what became of the admins' count, for their pages: asked, admitted, why not all, when
            local function outcome(admitted, why)
              if manual then
                redis.call('HSET', KEYS[2], 'admitNowResult', asked .. ':' .. admitted .. ':' .. why .. ':' .. ARGV[2])
              end
            end
            if manual then
              budget = tonumber(redis.call('HGET', KEYS[2], 'admitNow') or '0')
              if budget <= 0 then return 'NONE:0:0' end
              asked = budget
              redis.call('HSET', KEYS[2], 'admitNow', 0)
              if state == 'STOPPED' then
                outcome(0, state)
                return state .. ':0:0'
              end
            else
              local last = tonumber(redis.call('HGET', KEYS[3], 'lastTick') or '-1')
              if tick <= last then return 'SKIP:0:0' end
              redis.call('HSET', KEYS[3], 'lastTick', tick)
              if state ~= 'RUNNING' then return state .. ':0:0' end
              budget = tonumber(ARGV[4]) - tonumber(redis.call('GET', KEYS[7]) or '0')
            end
            local flags = redis.call('HMGET', KEYS[1], 'soldOut', 'allHeld')
            local closed = (flags[1] == '1' and 'SOLD_OUT') or (flags[2] == '1' and 'ALL_HELD')
            if closed then
              outcome(0, closed)
              return closed .. ':0:0'
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[8], '-inf', now - tonumber(ARGV[5]))
            local available = tonumber(redis.call('HGET', KEYS[1], 'available') or redis.call('HGET', KEYS[1], 'totalStock') or '0')
            local units = available - redis.call('ZCARD', KEYS[8])
            local capped = units < budget
            budget = math.min(budget, units)
            local staleBefore = now - tonumber(ARGV[3])
            local admitted, dropped, scanned, serving = 0, 0, 0, nil
            while admitted < budget and scanned < 20000 do
              local batch = redis.call('ZRANGE', KEYS[4], 0, 199, 'WITHSCORES')
              if #batch == 0 then break end
              for i = 1, #batch, 2 do
                local user = batch[i]
                scanned = scanned + 1
                serving = batch[i + 1]
                redis.call('ZREM', KEYS[4], user)
                local seen = redis.call('HGET', KEYS[5], user)
                redis.call('HDEL', KEYS[5], user)
                if seen and tonumber(seen) >= staleBefore then
                  redis.call('HSET', KEYS[6], user, now)
                  redis.call('ZADD', KEYS[8], now, user)
                  admitted = admitted + 1
                  if admitted >= budget then break end
                else
                  dropped = dropped + 1
                end
              end
            end
            if serving then redis.call('HSET', KEYS[3], 'serving', serving) end
            if admitted > 0 then
              if not manual then
                redis.call('INCRBY', KEYS[7], admitted)
                redis.call('PEXPIRE', KEYS[7], ARGV[6])
              end
              redis.call('HINCRBY', KEYS[3], 'admitted', admitted)
            end
            if dropped > 0 then redis.call('HINCRBY', KEYS[3], 'dropped', dropped) end
            if admitted + dropped > 0 then redis.call('HINCRBY', KEYS[3], 'waiting', -(admitted + dropped)) end
            if manual then
              -- fewer than asked: the units left ran out first, or the pass's scan did (silent shoppers at the front:
              -- the rest wait for the next admission), or the live shoppers in line did
              local why = 'LINE'
              if admitted >= asked then
                why = 'OK'
              elseif capped and admitted >= budget then
                why = 'UNITS'
              elseif scanned >= 20000 then
                why = 'SCAN'
              end
              outcome(admitted, why)
            end
            return 'OK:' .. admitted .. ':' .. dropped
            """, String.class);

    /**
     * Claims an admission tick for one instance: SET NX with an expiry, or the claim this instance already holds
     * (asking again after a reply it never saw, or a script that failed, is its retry). KEYS: 1 the tick's claim.
     * ARGV: 1 the instance's token, 2 how long the claim holds (ms). Returns 1 if the caller holds the claim.
     */
    static final RedisScript<Long> CLAIM_TICK = RedisScript.of("""
            local holder = redis.call('GET', KEYS[1])
            if holder then return holder == ARGV[1] and 1 or 0 end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            return 1
            """, Long.class);

    /** Gives a tick's claim up, if the caller holds it. KEYS: 1 the tick's claim. ARGV: 1 the instance's token. */
    static final RedisScript<Long> RELEASE_TICK = RedisScript.of("""
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """, Long.class);

    /**
     * The pre-queue's draw, in steps short enough never to hold Redis up at the start instant, when the joins come
     * fastest (one script over a million members held it for seconds): one instance takes the draw
     * ({@link #DRAW_BEGIN}), reads the members a page at a time ({@link #DRAW_READ}), shuffles them itself
     * ({@code SecureRandom}) and writes their places a chunk at a time ({@link #DRAW_WRITE}); {@link #DRAW_DONE} makes
     * the draw count. Until then nothing sees the places: the pre-queue's tickets learn theirs once the draw counts,
     * its members' joins are kept without reading them, and no one is admitted ({@link #ADMIT} answers DRAWING). An
     * instance that stops half-way loses the draw when its lock expires, and the next draws again from the start,
     * overwriting every place. KEYS (all four steps): 1 stats, 2 prequeue, 3 line, 4 sale, 5 the draw's lock.
     * ARGV: 1 the sale's start as the caller knows it, 2 the caller's token, 3 how long the lock holds (ms), then per
     * step below. Answers -1 when the draw is done, -2 when the caller's schedule is not Redis's (the draw belongs to
     * the sale Redis has), -3 when another instance holds the draw.
     *
     * <p>A draw once begun is its start's ({@code drawing} in the stats hash) and goes on through a postponement: the
     * first-come places taken meanwhile rank behind it, so drawing it again at the new start would let the new
     * start's pre-queue pass them. The join script then treats the sale as postponed after its draw. A sale sold again
     * (its waiting room removed, the stats hash with it) ends the draw.
     *
     * <p>Begin: takes (or, being its holder, keeps) the lock. Returns the pre-queue's size.
     */
    static final RedisScript<Long> DRAW_BEGIN = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'shuffled') == '1' then return -1 end
            if redis.call('HGET', KEYS[4], 'saleStartsAt') ~= ARGV[1] and redis.call('HGET', KEYS[1], 'drawing') ~= ARGV[1] then
              return -2
            end
            local holder = redis.call('GET', KEYS[5])
            if holder and holder ~= ARGV[2] then return -3 end
            redis.call('SET', KEYS[5], ARGV[2], 'PX', ARGV[3])
            local size = redis.call('SCARD', KEYS[2])
            -- later arrivals rank behind the whole pre-queue from now on: their places count it while it is drawn;
            -- and the draw is this start's, whatever the start becomes meanwhile
            redis.call('HSET', KEYS[1], 'prequeued', size, 'drawing', ARGV[1])
            return size
            """, Long.class);

    /**
     * Read: one page of the pre-queue (SSCAN). ARGV 4 the cursor, 5 the page size. Renews the lock. Returns the next
     * cursor, then members; or only "LOST" when the caller no longer holds the draw.
     */
    static final RedisScript<List> DRAW_READ = RedisScript.of("""
            if redis.call('GET', KEYS[5]) ~= ARGV[2] then return {'LOST'} end
            redis.call('PEXPIRE', KEYS[5], ARGV[3])
            local page = redis.call('SSCAN', KEYS[2], ARGV[4], 'COUNT', ARGV[5])
            local out = {page[1]}
            for _, member in ipairs(page[2]) do out[#out + 1] = member end
            return out
            """, List.class);

    /**
     * Write: places for members in drawn order, from place ARGV 4 on; ARGV 5.. the members. Renews the lock. Returns
     * how many were placed.
     */
    static final RedisScript<Long> DRAW_WRITE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'shuffled') == '1' then return -1 end
            if redis.call('HGET', KEYS[1], 'drawing') ~= ARGV[1] then return -2 end
            if redis.call('GET', KEYS[5]) ~= ARGV[2] then return -3 end
            redis.call('PEXPIRE', KEYS[5], ARGV[3])
            local first, args = tonumber(ARGV[4]), {}
            for i = 5, #ARGV do
              args[#args + 1] = string.format('%d', first + i - 5)
              args[#args + 1] = ARGV[i]
              if #args >= 1000 then
                redis.call('ZADD', KEYS[3], unpack(args))
                args = {}
              end
            end
            if #args > 0 then redis.call('ZADD', KEYS[3], unpack(args)) end
            return #ARGV - 4
            """, Long.class);

    /**
     * Done: the draw counts if it placed the whole pre-queue (ARGV 4 how many it placed); one who slipped in while it
     * ran (an instance whose clock is behind the start) makes the caller draw again (-4). Returns how many were ranked.
     */
    static final RedisScript<Long> DRAW_DONE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'shuffled') == '1' then return -1 end
            if redis.call('HGET', KEYS[1], 'drawing') ~= ARGV[1] then return -2 end
            if redis.call('GET', KEYS[5]) ~= ARGV[2] then return -3 end
            if redis.call('SCARD', KEYS[2]) ~= tonumber(ARGV[4]) then return -4 end
            -- drawnFor: the start it was drawn at (a postponement after the draw moves the start past it)
            redis.call('HSET', KEYS[1], 'shuffled', 1, 'prequeued', ARGV[4], 'drawnFor', ARGV[1])
            redis.call('HDEL', KEYS[1], 'drawing')
            redis.call('DEL', KEYS[5])
            return tonumber(ARGV[4])
            """, Long.class);

    /**
     * Batched heartbeats: only shoppers still tracked (with a last-seen entry) are touched, so a poll answered just
     * before its shopper was admitted or dropped does not bring them back; and only forward, so a note kept through
     * an outage, or stamped by a clock behind, never undoes a later poll another instance wrote. KEYS: 1 last seen.
     * ARGV: time, user pairs. Returns how many were touched.
     */
    static final RedisScript<Long> HEARTBEATS = RedisScript.of("""
            local users = {}
            for i = 2, #ARGV, 2 do users[#users + 1] = ARGV[i] end
            if #users == 0 then return 0 end
            local known = redis.call('HMGET', KEYS[1], unpack(users))
            local args = {}
            for i = 1, #users do
              -- never back: another instance may have written a later poll of the same shopper
              if known[i] and tonumber(known[i]) < tonumber(ARGV[2 * i - 1]) then
                args[#args + 1] = users[i]
                args[#args + 1] = ARGV[2 * i - 1]
              end
            end
            if #args > 0 then redis.call('HSET', KEYS[1], unpack(args)) end
            return #args / 2
            """, Long.class);

    /**
     * What every poll needs, in one round trip. KEYS: 1 stats, 2 control, 3 sale, 4 recent admissions, 5 line.
     * ARGV: 1 now, 2 admitted hold ms.
     * Returns serving|prequeued|shuffled|waiting|state|soldOut|allHeld|admitted|dropped|joined|since|drawnFor (the start
     * the pre-queue was drawn for, or is being drawn for)|front|back|size (the line's first and last sequences and its
     * places: how many are ahead of a place, {@link QueueSnapshot#ahead}).
     *
     * <p>All units are held when the order pipeline says so, or when admissions not yet lapsed hold every unit still
     * available: nobody is admitted until an admission lapses (or its order fails), which the waiting are told
     * instead of a wait that never comes (the tick's own rule, {@link #ADMIT}).
     */
    static final RedisScript<String> SNAPSHOT = RedisScript.of("""
            local s = redis.call('HMGET', KEYS[1], 'serving', 'prequeued', 'shuffled', 'waiting', 'admitted', 'dropped', 'joined',
              'since', 'drawnFor', 'drawing')
            local c = redis.call('HMGET', KEYS[2], 'state')
            local f = redis.call('HMGET', KEYS[3], 'soldOut', 'allHeld', 'available', 'totalStock')
            local allHeld = f[2] or '0'
            if allHeld ~= '1' and f[1] ~= '1' then
              local units = tonumber(f[3] or f[4] or '')
              local held = units and redis.call('ZCOUNT', KEYS[4], '(' .. (tonumber(ARGV[1]) - tonumber(ARGV[2])), '+inf') or 0
              if held > 0 and held >= units then allHeld = '1' end
            end
            local front = redis.call('ZRANGE', KEYS[5], 0, 0, 'WITHSCORES')
            local back = redis.call('ZRANGE', KEYS[5], -1, -1, 'WITHSCORES')
            return table.concat({s[1] or '0', s[2] or '0', s[3] or '0', s[4] or '0', c[1] or 'RUNNING',
              f[1] or '0', allHeld, s[5] or '0', s[6] or '0', s[7] or '0', s[8] or '0', s[9] or s[10] or '0',
              front[2] or '0', back[2] or '0', redis.call('ZCARD', KEYS[5])}, '|')
            """, String.class);
}

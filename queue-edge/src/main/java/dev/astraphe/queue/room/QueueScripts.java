package dev.astraphe.queue.room;

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
     * KEYS: 1 sale, 2 control, 3 stats, 4 seq, 5 line, 6 places, 7 beat, 8 admitted, 9 prequeue, 10 tick budget, 11 recent.
     * ARGV: 1 user, 2 now, 3 ticket sequence ('' = none), 4 start, 5 admission start, 6 N, 7 pre-queue opens,
     * 8 admitted hold ms, 9 later-arrivals offset, 10 budget key ttl ms.
     */
    static final RedisScript<String> JOIN = RedisScript.of("""
            local user, now = ARGV[1], tonumber(ARGV[2])
            local state = redis.call('HGET', KEYS[2], 'state') or 'RUNNING'
            if state == 'STOPPED' then return 'ENDED:0' end
            local flags = redis.call('HMGET', KEYS[1], 'soldOut', 'allHeld', 'available', 'totalStock')
            if flags[1] == '1' then return 'SOLD_OUT:0' end
            local admittedAt = redis.call('HGET', KEYS[8], user)
            if admittedAt then
              if now - tonumber(admittedAt) < tonumber(ARGV[8]) then return 'ADMITTED:0' end
              redis.call('HDEL', KEYS[8], user)
            end
            local shuffled = redis.call('HGET', KEYS[3], 'shuffled') == '1'
            if now < tonumber(ARGV[4]) and not shuffled then
              if now < tonumber(ARGV[7]) then return 'TOO_EARLY:0' end
              if redis.call('SADD', KEYS[9], user) == 1 then
                redis.call('HINCRBY', KEYS[3], 'joined', 1)
                redis.call('HINCRBY', KEYS[3], 'waiting', 1)
              end
              redis.call('ZADD', KEYS[7], now, user)
              return 'PREQUEUE:0'
            end
            if not shuffled and redis.call('SISMEMBER', KEYS[9], user) == 1 then
              -- started but not drawn yet: a pre-queue member keeps their ticket to the draw
              redis.call('ZADD', KEYS[7], now, user)
              return 'PREQUEUE:0'
            end
            local place = redis.call('HGET', KEYS[6], user)
            local reentry = false
            if place then
              if ARGV[3] == place or (ARGV[3] == '0' and redis.call('SISMEMBER', KEYS[9], user) == 1) then
                redis.call('ZADD', KEYS[7], now, user)
                return 'PLACE:' .. place
              end
              -- re-entry: to the back. Before the draw a pre-queue member returned above; the old place in the
              -- places hash is overwritten below, and the waiting count stays as it is unless admitted at once
              redis.call('ZREM', KEYS[5], user)
              if shuffled then redis.call('SREM', KEYS[9], user) end
              reentry = true
            end
            if state == 'RUNNING' and now >= tonumber(ARGV[5]) and flags[2] ~= '1'
                and (shuffled or redis.call('SCARD', KEYS[9]) == 0) and redis.call('ZCARD', KEYS[5]) == 0 then
              local used = tonumber(redis.call('GET', KEYS[10]) or '0')
              if used < tonumber(ARGV[6]) then
                redis.call('ZREMRANGEBYSCORE', KEYS[11], '-inf', now - tonumber(ARGV[8]))
                local available = tonumber(flags[3] or flags[4] or '0')
                if redis.call('ZCARD', KEYS[11]) < available then
                  redis.call('INCR', KEYS[10])
                  redis.call('PEXPIRE', KEYS[10], ARGV[10])
                  redis.call('HSET', KEYS[8], user, now)
                  redis.call('ZADD', KEYS[11], now, user)
                  redis.call('ZREM', KEYS[7], user)
                  if reentry then
                    redis.call('HDEL', KEYS[6], user)
                    redis.call('HINCRBY', KEYS[3], 'waiting', -1)
                  end
                  redis.call('HINCRBY', KEYS[3], 'joined', 1)
                  redis.call('HINCRBY', KEYS[3], 'admitted', 1)
                  return 'ADMITTED_NOW:0'
                end
              end
            end
            local seq = redis.call('INCR', KEYS[4])
            if seq == 1 then
              -- the line's first place: sequences of later arrivals start after the pre-queue's draw
              seq = tonumber(ARGV[9]) + 1
              redis.call('SET', KEYS[4], seq)
            end
            redis.call('ZADD', KEYS[5], seq, user)
            redis.call('HSET', KEYS[6], user, seq)
            redis.call('ZADD', KEYS[7], now, user)
            redis.call('HINCRBY', KEYS[3], 'joined', 1)
            if not reentry then redis.call('HINCRBY', KEYS[3], 'waiting', 1) end
            return 'PLACE:' .. seq
            """, String.class);

    /**
     * One admission tick. KEYS: 1 sale, 2 control, 3 stats, 4 line, 5 places, 6 beat, 7 admitted, 8 tick budget, 9 recent.
     * ARGV: 1 tick, 2 now, 3 grace ms, 4 N, 5 admitted hold ms, 6 budget key ttl ms.
     * Returns "OK:admitted:dropped", or "SKIP" if the tick already ran, or the reason nobody was admitted.
     */
    static final RedisScript<String> ADMIT = RedisScript.of("""
            local tick, now = tonumber(ARGV[1]), tonumber(ARGV[2])
            local last = tonumber(redis.call('HGET', KEYS[3], 'lastTick') or '-1')
            if tick <= last then return 'SKIP:0:0' end
            redis.call('HSET', KEYS[3], 'lastTick', tick)
            local state = redis.call('HGET', KEYS[2], 'state') or 'RUNNING'
            if state ~= 'RUNNING' then return state .. ':0:0' end
            if redis.call('HGET', KEYS[1], 'soldOut') == '1' then return 'SOLD_OUT:0:0' end
            if redis.call('HGET', KEYS[1], 'allHeld') == '1' then return 'ALL_HELD:0:0' end
            local budget = tonumber(ARGV[4]) - tonumber(redis.call('GET', KEYS[8]) or '0')
            local extra = tonumber(redis.call('HGET', KEYS[2], 'admitNow') or '0')
            if extra > 0 then
              budget = budget + extra
              redis.call('HSET', KEYS[2], 'admitNow', 0)
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[9], '-inf', now - tonumber(ARGV[5]))
            local available = tonumber(redis.call('HGET', KEYS[1], 'available') or redis.call('HGET', KEYS[1], 'totalStock') or '0')
            budget = math.min(budget, available - redis.call('ZCARD', KEYS[9]))
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
                redis.call('HDEL', KEYS[5], user)
                local seen = redis.call('ZSCORE', KEYS[6], user)
                redis.call('ZREM', KEYS[6], user)
                if seen and tonumber(seen) >= staleBefore then
                  redis.call('HSET', KEYS[7], user, now)
                  redis.call('ZADD', KEYS[9], now, user)
                  admitted = admitted + 1
                  if admitted >= budget then break end
                else
                  dropped = dropped + 1
                end
              end
            end
            if serving then redis.call('HSET', KEYS[3], 'serving', serving) end
            if admitted > 0 then
              redis.call('INCRBY', KEYS[8], admitted)
              redis.call('PEXPIRE', KEYS[8], ARGV[6])
              redis.call('HINCRBY', KEYS[3], 'admitted', admitted)
            end
            if dropped > 0 then redis.call('HINCRBY', KEYS[3], 'dropped', dropped) end
            if admitted + dropped > 0 then redis.call('HINCRBY', KEYS[3], 'waiting', -(admitted + dropped)) end
            return 'OK:' .. admitted .. ':' .. dropped
            """, String.class);

    /**
     * Ranks the pre-queue once, in an order drawn from the caller's seed (Park-Miller over the sorted members,
     * so the draw depends on the seed only). KEYS: 1 stats, 2 prequeue, 3 line, 4 places. ARGV: 1 seed.
     */
    static final RedisScript<Long> SHUFFLE = RedisScript.of("""
            if redis.call('HGET', KEYS[1], 'shuffled') == '1' then return -1 end
            local members = redis.call('SMEMBERS', KEYS[2])
            table.sort(members)
            local x = (tonumber(ARGV[1]) % 2147483646) + 1
            for i = #members, 2, -1 do
              x = (x * 48271) % 2147483647
              local j = (x % i) + 1
              members[i], members[j] = members[j], members[i]
            end
            for i = 1, #members do
              redis.call('ZADD', KEYS[3], i, members[i])
              redis.call('HSET', KEYS[4], members[i], i)
            end
            redis.call('HSET', KEYS[1], 'shuffled', 1, 'prequeued', #members)
            return #members
            """, Long.class);

    /** Batched heartbeats: only shoppers still tracked (XX) are touched. KEYS: 1 beat. ARGV: score, member pairs. */
    static final RedisScript<Long> HEARTBEATS = RedisScript.of("""
            return redis.call('ZADD', KEYS[1], 'XX', 'CH', unpack(ARGV))
            """, Long.class);

    /**
     * What every poll needs, in one round trip. KEYS: 1 stats, 2 control, 3 sale.
     * Returns serving|prequeued|shuffled|waiting|state|soldOut|allHeld|admitted|dropped|joined.
     */
    static final RedisScript<String> SNAPSHOT = RedisScript.of("""
            local s = redis.call('HMGET', KEYS[1], 'serving', 'prequeued', 'shuffled', 'waiting', 'admitted', 'dropped', 'joined')
            local c = redis.call('HMGET', KEYS[2], 'state')
            local f = redis.call('HMGET', KEYS[3], 'soldOut', 'allHeld')
            return table.concat({s[1] or '0', s[2] or '0', s[3] or '0', s[4] or '0', c[1] or 'RUNNING',
              f[1] or '0', f[2] or '0', s[5] or '0', s[6] or '0', s[7] or '0'}, '|')
            """, String.class);
}

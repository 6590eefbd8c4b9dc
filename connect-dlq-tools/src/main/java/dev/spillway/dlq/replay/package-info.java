/** Exactly-once, resumable replay: the record rewrite, the rate limit and the transactional loop. */
package dev.spillway.dlq.replay;

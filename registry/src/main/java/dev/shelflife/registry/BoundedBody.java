package dev.shelflife.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit. A successful response that declares or sends more
 * fails with {@link TooLarge} as soon as that is known, without reading the rest; the body of an
 * error response is only a source of a message, so it is cut at the limit instead.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** How much of an error response's body is kept for the message. */
    static final int ERROR_BODY_LIMIT = 16 * 1024;

    /** A successful response's body is larger than the limit. */
    static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(long limit) {
            super("response body larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final boolean failWhenExceeded;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long limit, boolean failWhenExceeded) {
        this.limit = limit;
        this.failWhenExceeded = failWhenExceeded;
    }

    /**
     * A handler whose successful bodies may hold at most {@code limit} bytes.
     *
     * @param limit the most bytes a successful response may carry
     * @param trustContentLength whether {@code Content-Length} announces this response's body
     *     (not for {@code HEAD}, where it announces the body a {@code GET} would get)
     */
    static HttpResponse.BodyHandler<byte[]> handler(long limit, boolean trustContentLength) {
        return info -> {
            if (info.statusCode() / 100 != 2) {
                return new BoundedBody(ERROR_BODY_LIMIT, false);
            }
            BoundedBody body = new BoundedBody(limit, true);
            if (trustContentLength
                    && info.headers().firstValueAsLong("Content-Length").orElse(-1) > limit) {
                body.result.completeExceptionally(new TooLarge(limit));
            }
            return body;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (result.isDone()) {
                return;
            }
            long room = limit - bytes.size();
            if (buffer.remaining() > room) {
                subscription.cancel();
                if (failWhenExceeded) {
                    result.completeExceptionally(new TooLarge(limit));
                } else {
                    write(buffer, (int) room);
                    result.complete(bytes.toByteArray());
                }
                return;
            }
            write(buffer, buffer.remaining());
        }
    }

    private void write(ByteBuffer buffer, int length) {
        byte[] chunk = new byte[length];
        buffer.get(chunk);
        bytes.write(chunk, 0, length);
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}

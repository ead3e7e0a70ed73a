package dev.astraphe.console.product;

import dev.astraphe.db.catalog.Category;
import dev.astraphe.db.catalog.CategoryRepository;
import dev.astraphe.db.product.Product;
import dev.astraphe.shared.images.ImageStoreProperties;
import java.awt.AWTError;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Pictures for the demo products, so that the storefront shows images from the first start: a gradient in a colour of
 * the product's category, with the category's English name (Hangul needs CJK fonts that a slim container lacks; a JRE
 * with no font at all draws nothing, and those products keep their placeholders). Drawn headless, uploaded under new keys, then set on the
 * product as its creator, the demo seller.
 *
 * <p>Without an image store (tests, a console started without {@code astraphe.images.endpoint}), or with one that
 * fails, the demo goes on without images and the log says why; products still without images get them on a later
 * start.
 */
@Component
class DemoImages {

    static final String PNG = "image/png";
    private static final Logger log = LoggerFactory.getLogger(DemoImages.class);

    private final SellerProducts sellerProducts;
    private final CategoryRepository categories;
    private final ObjectProvider<S3Client> store;
    private final String bucket;

    DemoImages(SellerProducts sellerProducts, CategoryRepository categories, ObjectProvider<S3Client> store,
               ImageStoreProperties properties) {
        this.sellerProducts = sellerProducts;
        this.categories = categories;
        this.store = store;
        this.bucket = properties.bucket();
    }

    void addMissing(List<Product> products) {
        List<Product> missing = products.stream().filter(p -> p.getMainImageKey() == null).toList();
        if (missing.isEmpty()) {
            return;
        }
        S3Client s3 = store.getIfAvailable();
        if (s3 == null) {
            log.info("Demo products keep their placeholders: no image store (astraphe.images.endpoint is not set)");
            return;
        }
        int added = 0;
        Throwable failed = null;
        for (Product product : missing) {
            try {
                Category category = categories.findById(product.getCategoryId()).orElse(null);
                String label = category == null ? "Astraphe" : category.getNameEn();
                float hue = product.getCategoryId() / 1000 * 0.14f;
                String main = upload(s3, product, picture(800, 800, label, hue));
                String description = upload(s3, product, picture(1200, 600, label, hue + 0.5f));
                sellerProducts.changeImages(product.getCreatedBy(), product.getId(), main, description);
                added++;
            } catch (RuntimeException | LinkageError | AWTError e) {
                // a store away, a JRE without fonts (or their native library), a product its seller may no longer
                // change: pictures are a nicety of the demo, and the console starts without them
                if (failed == null) {
                    failed = e;
                }
                if (e instanceof SdkException) {
                    break; // the store: the others would fail alike
                }
            }
        }
        if (added > 0) {
            log.info("Demo images uploaded for {} products", added);
        }
        if (failed != null) {
            log.warn("{} demo products keep their placeholders: {}", missing.size() - added, failed.toString());
        }
    }

    private String upload(S3Client s3, Product product, byte[] png) {
        String key = "products/" + product.getId() + "/" + UUID.randomUUID() + ".png";
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(PNG), RequestBody.fromBytes(png));
        return key;
    }

    static byte[] picture(int width, int height, String label, float hue) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            // top to bottom: every row one colour, which PNG packs into some 10 kB (a diagonal one took 100 kB)
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.35f, 0.92f),
                    0, height, Color.getHSBColor(hue + 0.06f, 0.7f, 0.68f)));
            g.fillRect(0, 0, width, height);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            Font font = new Font(Font.SANS_SERIF, Font.BOLD, Math.min(width, height) / 9);
            int natural = g.getFontMetrics(font).stringWidth(label);
            g.setFont(natural > width * 0.8 ? font.deriveFont(font.getSize2D() * width * 0.8f / natural) : font);
            g.setColor(Color.WHITE);
            FontMetrics metrics = g.getFontMetrics();
            g.drawString(label, (width - metrics.stringWidth(label)) / 2, (height - metrics.getHeight()) / 2 + metrics.getAscent());
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}

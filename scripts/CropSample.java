import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ImageProcessor;
import java.awt.image.BufferedImage;
import java.io.File;
import javax.imageio.ImageIO;

/** A gray square crop of a downscaled photo: java -cp ij.jar CropSample.java <photo> <scale> <side> <out.tif|png> <x0|-1> <y0|-1> (-1 = centred). */
public class CropSample {
	public static void main(String[] a) throws Exception {
		BufferedImage img = ImageIO.read(new File(a[0]));
		double scale = Double.parseDouble(a[1]);
		int side = Integer.parseInt(a[2]);
		int w = img.getWidth(), h = img.getHeight();
		float[] gray = new float[w * h];
		for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) {
			int rgb = img.getRGB(x, y);
			gray[y * w + x] = (float) (0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255));
		}
		ImageProcessor fp = new ij.process.FloatProcessor(w, h, gray);
		fp.setInterpolationMethod(ImageProcessor.BILINEAR);
		ImageProcessor small = fp.resize((int) Math.round(w * scale), (int) Math.round(h * scale), true);
		int x0 = Integer.parseInt(a[4]) >= 0 ? Integer.parseInt(a[4]) : (small.getWidth() - side) / 2;
		int y0 = Integer.parseInt(a[5]) >= 0 ? Integer.parseInt(a[5]) : (small.getHeight() - side) / 2;
		small.setRoi(x0, y0, side, side);
		ImageProcessor crop = small.crop();
		ByteProcessor bp = new ByteProcessor(side, side);
		for (int i = 0; i < side * side; i++) bp.set(i, Math.max(0, Math.min(255, Math.round(crop.getf(i)))));
		ImagePlus out = new ImagePlus(new File(a[3]).getName(), bp);
		if (a[3].endsWith(".png")) new FileSaver(out).saveAsPng(a[3]); else new FileSaver(out).saveAsTiff(a[3]);
	}
}

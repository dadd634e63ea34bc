#!/usr/bin/python3
"""Makes the test images and the reference metrics that ImageMetricsTest compares against.

The numbers come from scikit-image alone, never from our Java code, so the test can fail.
Made with Debian 12's packages: Python 3.11.2, scikit-image 0.19.3, numpy 1.24.2, scipy 1.10.1,
tifffile 2023.2.3 (run with /usr/bin/python3, not a virtualenv with other versions).

Run from anywhere:  /usr/bin/python3 src/test/resources/metrics/make_reference.py [PHOTOS_DIR]
PHOTOS_DIR holds camera.png, astronaut.png and coffee.png (scikit-image's sample images);
it defaults to /work/shared/data/photos.

Writes, beside this script:
  <name>_reference.tif, <name>_degraded.tif   32-bit float TIFFs on [0, 1]
  coffee_reference_gaussian.tif               coffee_reference.tif through the SSIM Gaussian filter
  reference.properties                        MSE, PSNR and SSIM of each pair and of the stack,
                                              and the SSIM Gaussian filter of a tiny ramp

The metrics are computed on the float32 pixels promoted to float64, i.e. on exactly the values
that the Java test reads, in double precision (skimage would compute in float32 for float32 input).
"""
import os
import sys

import numpy as np
import scipy
import skimage
import tifffile
from scipy import ndimage
from skimage import io
from skimage.color import rgb2gray
from skimage.metrics import mean_squared_error, peak_signal_noise_ratio, structural_similarity

HERE = os.path.dirname(os.path.abspath(__file__))
PHOTOS = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/photos'
SEED = 20240611


def gray_crop(name, top, left, height, width):
    """A crop of a sample photo as float on [0, 1]; RGB photos are converted to luminance."""
    image = io.imread(os.path.join(PHOTOS, name + '.png'))
    image = rgb2gray(image) if image.ndim == 3 else image / 255.0
    return image[top:top + height, left:left + width].astype(np.float32)


def degrade(image, rng):
    """Blur (as a microscope would) plus Gaussian noise, clipped back to [0, 1]."""
    blurred = ndimage.gaussian_filter(image.astype(np.float64), sigma=1.0, mode='reflect')
    noisy = blurred + rng.normal(0.0, 0.05, size=image.shape)
    return np.clip(noisy, 0.0, 1.0).astype(np.float32)


def ssim_gaussian(image):
    """The filter structural_similarity applies (its source: gaussian(..., mode='reflect'), truncate=3.5)."""
    return ndimage.gaussian_filter(image, sigma=1.5, truncate=3.5, mode='reflect')


def ssim(reference, image, **kwargs):
    """SSIM as the plugin defines it (Wang et al. 2004 settings)."""
    return structural_similarity(reference, image, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False, data_range=1.0, **kwargs)


def main():
    rng = np.random.default_rng(SEED)
    # numpy shape is (height, width): camera and astronaut are 64 wide x 48 high, coffee 37 x 29.
    crops = {
        'camera': gray_crop('camera', 80, 200, 48, 64),
        'astronaut': gray_crop('astronaut', 60, 180, 48, 64),
        'coffee': gray_crop('coffee', 180, 280, 29, 37),
    }
    lines = ['# Written by make_reference.py with scikit-image %s, numpy %s, scipy %s: do not edit.'
             % (skimage.__version__, np.__version__, scipy.__version__)]
    pairs = {}
    for name, reference in crops.items():
        degraded = degrade(reference, rng)
        tifffile.imwrite(os.path.join(HERE, name + '_reference.tif'), reference)
        tifffile.imwrite(os.path.join(HERE, name + '_degraded.tif'), degraded)
        # Read back what was written, so the numbers describe the files exactly.
        reference = tifffile.imread(os.path.join(HERE, name + '_reference.tif')).astype(np.float64)
        degraded = tifffile.imread(os.path.join(HERE, name + '_degraded.tif')).astype(np.float64)
        pairs[name] = (reference, degraded)
        lines.append('%s.width=%d' % (name, reference.shape[1]))
        lines.append('%s.height=%d' % (name, reference.shape[0]))
        lines.append('%s.mse=%r' % (name, float(mean_squared_error(reference, degraded))))
        lines.append('%s.psnr=%r' % (name, float(peak_signal_noise_ratio(reference, degraded, data_range=1.0))))
        lines.append('%s.ssim=%r' % (name, float(ssim(reference, degraded))))

    # A two-slice stack (camera, astronaut): skimage's SSIM over channels is the mean over slices,
    # and its MSE of a 3-D array is over all pixels, as the plugin defines them for stacks.
    stack_reference = np.stack([pairs['camera'][0], pairs['astronaut'][0]])
    stack_degraded = np.stack([pairs['camera'][1], pairs['astronaut'][1]])
    lines.append('stack.mse=%r' % float(mean_squared_error(stack_reference, stack_degraded)))
    lines.append('stack.psnr=%r' % float(peak_signal_noise_ratio(stack_reference, stack_degraded, data_range=1.0)))
    lines.append('stack.ssim=%r' % float(ssim(stack_reference, stack_degraded, channel_axis=0)))

    # The SSIM mean ignores a 5-pixel border, so the boundary mode never shows in it; these check the
    # filter itself, which the SSIM gradient needs right up to the edges. The 4 x 3 ramp is smaller than
    # the 11-tap kernel, so 'reflect' (d c b a | a b c d) has to repeat across it several times.
    filtered = ssim_gaussian(pairs['coffee'][0]).astype(np.float32)
    tifffile.imwrite(os.path.join(HERE, 'coffee_reference_gaussian.tif'), filtered)
    ramp = (np.arange(12, dtype=np.float64).reshape(3, 4) / 11.0) ** 2
    lines.append('ramp.width=4')
    lines.append('ramp.height=3')
    lines.append('ramp.input=' + ','.join(repr(float(v)) for v in ramp.ravel()))
    lines.append('ramp.gaussian=' + ','.join(repr(float(v)) for v in ssim_gaussian(ramp).ravel()))

    with open(os.path.join(HERE, 'reference.properties'), 'w') as out:
        out.write('\n'.join(lines) + '\n')
    print('\n'.join(lines))


if __name__ == '__main__':
    main()

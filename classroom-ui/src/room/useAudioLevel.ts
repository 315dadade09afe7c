import { useEffect, useState } from 'react';

const SAMPLE_INTERVAL_MS = 100;
/** Speech rarely gets near full scale; this makes a normal voice fill most of the meter. */
const GAIN = 4;

/** The loudness of a microphone track, 0–1, for a level meter. */
export function useAudioLevel(track: MediaStreamTrack | null): number {
  const [level, setLevel] = useState(0);

  useEffect(() => {
    if (!track) return;
    const context = new AudioContext();
    const source = context.createMediaStreamSource(new MediaStream([track]));
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const timer = window.setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, sample) => sum + sample * sample, 0) / samples.length);
      setLevel(Math.min(1, rms * GAIN));
    }, SAMPLE_INTERVAL_MS);
    // Browsers may start an audio context suspended until the person first interacts with the page.
    const resume = () => void context.resume();
    document.addEventListener('pointerdown', resume, { once: true });
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('pointerdown', resume);
      source.disconnect();
      void context.close();
      setLevel(0);
    };
  }, [track]);

  return track ? level : 0;
}

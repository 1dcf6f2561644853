/* LessonStudy.video: lesson and workshop videos (YouTube through youtube-nocookie.com, or an
 * https video file). The one place that reads a YouTube address. */
(function (LS) {
  "use strict";

  const YOUTUBE = /(?:youtube\.com\/(?:watch\?v=|embed\/)|youtu\.be\/)([A-Za-z0-9_-]{6,})/;
  const EMBED_ORIGIN = "https://www.youtube-nocookie.com";

  /** The video id of a YouTube address, or null. */
  function youtubeId(url) {
    const match = String(url || "").match(YOUTUBE);
    return match ? match[1] : null;
  }

  /** The privacy-enhanced embed address of a YouTube video, with query parameters. */
  function youtubeEmbed(videoId, params) {
    const query = new URLSearchParams(params || {}).toString();
    return EMBED_ORIGIN + "/embed/" + encodeURIComponent(videoId) + (query ? "?" + query : "");
  }

  /** "12:34" or "1:02:03". */
  function hms(seconds) {
    const s = Math.max(0, Math.floor(Number(seconds) || 0));
    const mmss = String(Math.floor(s / 60) % 60).padStart(s >= 3600 ? 2 : 1, "0") + ":" + String(s % 60).padStart(2, "0");
    return s >= 3600 ? Math.floor(s / 3600) + ":" + mmss : mmss;
  }

  /** Play a <video> from `seconds`, once its metadata is there (a refused autoplay is no error). */
  function seekAndPlay(video, seconds) {
    const go = () => {
      video.currentTime = seconds;
      const playing = video.play();
      if (playing && playing.catch) playing.catch(() => undefined);
    };
    if (video.readyState >= 1) go();
    else video.addEventListener("loadedmetadata", go, {once: true});
  }

  LS.video = {youtubeId, youtubeEmbed, hms, seekAndPlay, EMBED_ORIGIN};
})(globalThis.LessonStudy = globalThis.LessonStudy || {});

// The Studio uploads videos over plain HTTP: Blazor's InputFile would stream them over the circuit at ~4.5 MB/s.
window.vidstudio = {
    /** Posts the file chosen in `input` to `url`, reporting progress (at most every 100 ms) and the outcome to `page`. */
    uploadSource(input, url, page) {
        const file = input.files[0];
        const request = new XMLHttpRequest();
        let lastReport = 0;
        request.upload.onprogress = event => {
            const now = performance.now();
            if (now - lastReport > 100) {
                lastReport = now;
                page.invokeMethodAsync('OnUploadProgress', event.loaded);
            }
        };
        request.onload = () => page.invokeMethodAsync('OnUploadFinished', request.status, request.responseText);
        request.onerror = request.onabort = () => page.invokeMethodAsync('OnUploadFinished', 0, '');
        request.open('POST', url + '?name=' + encodeURIComponent(file.name));
        request.send(file);
    },

    /**
     * Shows a preview PNG sent as bytes. `data-version` changes once the new picture has loaded, so a reader of the
     * attribute (the browser tests) never sees a version whose picture is not there yet.
     */
    showPreview(img, bytes, version, frameIndex) {
        const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
        if (img.pendingUrl) URL.revokeObjectURL(img.pendingUrl);
        img.pendingUrl = url;
        img.onload = () => {
            if (img.shownUrl) URL.revokeObjectURL(img.shownUrl);
            img.shownUrl = url;
            img.pendingUrl = null;
            img.dataset.version = version;
            // While the preview plays, the played frames are on screen; once it stops, the still takes over.
            const view = img.closest('.preview-view');
            if (!view.isPlaying) {
                view.classList.remove('playing');
                view.dataset.frameIndex = frameIndex;
            }
        };
        img.src = url;
    },

    /** Pauses `video` at `seconds` (once it knows its length, if it does not yet): the job page's frame-by-frame view of an MP4. */
    showVideoFrame(video, seconds) {
        const seek = () => {
            video.pause();
            video.currentTime = seconds;
        };
        if (video.readyState >= HTMLMediaElement.HAVE_METADATA) seek();
        else video.addEventListener('loadedmetadata', seek, { once: true });
    },

    /** Space plays or pauses, ←/→ step one frame, while `stage` itself has the focus (not a control inside it). */
    bindPreviewKeys(stage, panel) {
        stage.addEventListener('keydown', event => {
            if (event.target !== stage || event.ctrlKey || event.metaKey || event.altKey || ![' ', 'ArrowLeft', 'ArrowRight'].includes(event.key)) return;
            event.preventDefault();
            panel.invokeMethodAsync('OnPreviewKey', event.key);
        });
    },

    /** Each view (.preview-view) gets a painter for its look: `looks[i]` holds the drawing and the glyph atlas (cell-painter.js). */
    startPlaying(views, looks) {
        views.forEach((view, i) => {
            view.painter = createCellPainter(view.querySelector('canvas'), looks[i].drawing, looks[i].atlas);
            view.recordBytes = looks[i].drawing.recordBytes;
            view.symbols = Array.from(looks[i].glyphs);
            view.playedText = view.querySelector('.played-text');
            view.isPlaying = true;
        });
    },

    /** Draws frame `index`: `records` holds each view's record, one after another. */
    showPlayed(views, index, records) {
        let offset = 0;
        for (const view of views) {
            view.painter.draw(records, offset);
            if (!view.playedText.hidden) view.playedText.textContent = view.painter.text(records, offset, view.symbols);
            offset += view.recordBytes;
            view.classList.add('playing');
            view.dataset.frameIndex = index;
        }
    },

    stopPlaying(views) {
        for (const view of views) view.isPlaying = false;
    }
};

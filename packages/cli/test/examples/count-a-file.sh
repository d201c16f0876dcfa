printf 'The cat saw the hat; the cat sat.\n' > notes.txt
npx wordfreq count --top 2 notes.txt     # the top 2 words of notes.txt
npx wordfreq --version                   # the installed version

window.orejimeConfig = {
  privacyPolicyUrl: '/tweede/',
  purposes: [
    { id: 'analytics', title: 'Google Analytics', description: 'Bezoekstatistieken.', cookies: ['_ga', /^_ga_/] },
    { id: 'marketing', title: 'Meta Pixel', description: 'Advertenties op Facebook en Instagram.', cookies: ['_fbp'] }
  ]
};
